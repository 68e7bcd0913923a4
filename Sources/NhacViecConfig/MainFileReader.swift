import Foundation
import NhacViecCore

/// Reads the main configuration file.
struct MainFileReader {
    static let topKeys = ["mail", "state", "plans", "catch-up-limit", "calendar-dir", "holidays"]
    static let mailKeys = ["from", "sendmail", "timeout", "temporary-exit-codes", "reply-to", "postmaster"]

    let reader: NodeReader
    let directory: String

    func read(_ root: Node) -> MainSettings {
        var settings = MainSettings.defaults(relativeTo: directory)
        let top = reader.mapping(root, "the main file", known: Self.topKeys)
        readMail(top["mail"]?.value, into: &settings)
        if let path = reader.text(top["state"]?.value, "state") { settings.statePath = resolve(path) }
        if let path = reader.text(top["plans"]?.value, "plans") { settings.plansDirectory = resolve(path) }
        if let node = top["calendar-dir"]?.value, let path = reader.text(node, "calendar-dir") {
            if path.hasSuffix(".ics") {
                reader.error(node, "calendar-dir must be a directory, such as /var/cache/nhacviec/calendar, not '\(path)'")
            } else {
                settings.calendarDirectory = resolve(path)
            }
        }
        if let node = top["catch-up-limit"]?.value, let limit = duration(node, "catch-up-limit") { settings.catchUpLimit = limit }
        settings.officialYears = HolidayTableReader(reader: reader).read(top["holidays"]?.value)
        return settings
    }

    private func readMail(_ node: Node?, into settings: inout MainSettings) {
        let mail = reader.mapping(node, "'mail'", known: Self.mailKeys)
        if let fromNode = mail["from"]?.value, let from = reader.headerText(fromNode, "mail from") {
            if let parsed = Self.splitNameAddr(from), MailAddress.isValid(parsed.address) {
                settings.from = from
                settings.senderName = parsed.name
                settings.envelopeSender = parsed.address
            } else {
                reader.error(fromNode, "mail from must be an address or 'Name <address>', not '\(from)'")
            }
        }
        if let node = mail["sendmail"]?.value, let command = reader.text(node, "sendmail") {
            let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.first?.hasPrefix("/") == true { settings.sendmailCommand = words } else {
                reader.error(node, "sendmail must start with an absolute path, like /usr/sbin/sendmail -oi")
            }
            if words.contains("-t") { reader.error(node, "sendmail must not use -t: recipients are passed after --") }
        }
        if let node = mail["reply-to"]?.value, let address = reader.headerText(node, "mail reply-to") {
            if MailAddress.isValid(address), !address.contains("+") { settings.replyTo = address } else {
                reader.error(node, "mail reply-to must be a plain address without '+', such as nhacviec@badon.example.gov.vn, not '\(address)'")
            }
        }
        if let node = mail["postmaster"]?.value, let address = reader.headerText(node, "mail postmaster") {
            if MailAddress.isValid(address) { settings.postmaster = address } else {
                reader.error(node, "mail postmaster must be a mail address, not '\(address)'")
            }
        }
        if let node = mail["timeout"]?.value, let timeout = duration(node, "mail timeout") { settings.sendmailTimeout = timeout }
        if let node = mail["temporary-exit-codes"]?.value {
            settings.temporaryExitCodes = Set(reader.list(node, "temporary-exit-codes").compactMap { item in
                reader.integer(item.node, "exit code", range: 1...255).map(Int32.init)
            })
        }
    }

    /// `Name <addr>` or `addr`.
    static func splitNameAddr(_ text: String) -> (name: String?, address: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return (nil, trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        return (name.isEmpty ? nil : name, address)
    }

    /// `90s`, `5m`, `2h` or `7d`.
    func duration(_ node: Node, _ what: String) -> TimeInterval? {
        guard let text = reader.text(node, what) else { return nil }
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last.flatMap({ units[$0] }), let amount = Int(text.dropLast()), amount > 0 else {
            reader.error(node, "\(what) must be a duration like 90s, 5m, 2h or 7d, not '\(text)'")
            return nil
        }
        return TimeInterval(amount) * unit
    }

    private func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}

/// Reads `holidays:` year tables: `off` and `work` mappings of dates to names.
struct HolidayTableReader {
    let reader: NodeReader

    func read(_ node: Node?) -> [OfficialYear] {
        reader.entries(node, "'holidays'").compactMap { entry in
            guard let year = Int(entry.name), (StatutoryHolidays.firstYear...StatutoryHolidays.lastYear).contains(year) else {
                reader.error(entry.key, "holidays are keyed by year (\(StatutoryHolidays.firstYear)-\(StatutoryHolidays.lastYear)), not '\(entry.name)'")
                return nil
            }
            let fields = reader.mapping(entry.value, "holidays \(year)", known: ["off", "work"])
            if fields["off"] == nil { reader.error(entry.value, "holidays \(year) needs an 'off' table of the days off") }
            let off = days(fields["off"]?.value, year: year, what: "day off")
            let work = days(fields["work"]?.value, year: year, what: "make-up working day")
            for date in Set(off.keys).intersection(work.keys).sorted() {
                reader.error(fields["work"]?.value, "\(date.iso) is listed both as a day off and as a make-up working day")
            }
            return OfficialYear(year: year, daysOff: off, workingDays: work)
        }
    }

    private func days(_ node: Node?, year: Int, what: String) -> [LocalDate: String] {
        var result: [LocalDate: String] = [:]
        for entry in reader.entries(node, "the \(what) table") {
            guard let date = reader.checkedDate(entry.name, entry.key, what) else { continue }
            if date.year != year { reader.error(entry.key, "\(what) \(entry.name) is not in \(year)") }
            result[date] = reader.text(entry.value, "the name of \(entry.name)") ?? ""
        }
        return result
    }
}

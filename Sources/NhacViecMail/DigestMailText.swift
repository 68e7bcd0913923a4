import Foundation
import NhacViecCore

/// The subject and body of a weekly digest, in the office style of the reminders: kept in a file of its own
/// so that the reminder templates can change without touching it.
///
/// ```
/// [Nhắc việc] V/v tổng hợp nhiệm vụ trong tuần – từ ngày 08/12/2025 đến ngày 14/12/2025
/// ```
enum DigestMailText {
    /// The thread's title: constant for every digest, so that a mail client shows one thread per address.
    static let title = "tổng hợp nhiệm vụ trong tuần"  // lower case after V/v, as the reminders write it

    /// The subject, within `SubjectLine.limit` like every other.
    static func subject(_ content: DigestContent, isLate: Bool) -> String {
        let first = content.instance.day, last = content.lastDay
        return SubjectLine.clipped("[Nhắc việc] V/v \(title) – từ \(date(first)) đến \(date(last))"
                                   + (isLate ? " (gửi muộn)" : ""))
    }

    /// The greeting's names: every department of every plan whose digest this address receives.
    static func addressees(_ content: DigestContent, plans: [Plan]) -> [String] {
        var names: [String] = []
        for (plan, ids) in DigestRoster.memberships(of: content.instance.address, in: plans) {
            for id in ids {
                let name = plan.department(id)?.name ?? id
                if !names.contains(name) { names.append(name) }
            }
        }
        return names.isEmpty ? [content.instance.address] : names
    }

    /// The body: the greeting, what is listed, each plan's overdue tasks then those due in the week with their
    /// deadline and who carries them out, and whom to ask (unless the address is the one to ask).
    static func body(_ content: DigestContent, addressees: [String], calendar: WorkingCalendar, today: LocalDate, isLate: Bool) -> String {
        let first = content.instance.day, last = content.lastDay
        var lines: [String] = [
            "Kính gửi: \(addressees.joined(separator: "; "))",
            "",
            "Hệ thống nhắc việc xin tổng hợp \(content.taskCount) nhiệm vụ của đơn vị: các nhiệm vụ đến hạn trong tuần "
                + "từ \(date(first)) đến \(date(last)) và các nhiệm vụ đã quá hạn mà đơn vị chưa báo cáo hoàn thành.",
        ]
        var number = 0
        for (index, section) in content.sections.enumerated() {
            lines.append("")
            lines.append("\(roman(index + 1)). \(section.plan.citation)")
            for (heading, items) in [("Nhiệm vụ đã quá hạn:", section.overdue), ("Nhiệm vụ đến hạn trong tuần:", section.coming)]
            where !items.isEmpty {
                lines.append("")
                lines.append(heading)
                for item in items {
                    number += 1
                    lines.append("\(number). \(item.task.title)")
                    let deadline = DeadlinePhrase(task: item.task, plan: section.plan, dueDay: item.dueDay)
                    let left = countdown(item.dueDay, today: today, calendar: calendar)
                    lines.append("   Hoàn thành \(deadline.full); \(left).")
                    let names = item.departments.map { section.plan.department($0)?.name ?? $0 }
                    lines.append("   Đơn vị thực hiện: \(names.joined(separator: "; "))")
                }
            }
        }
        if isLate {
            let meant = "\(VietnameseText.weekday(first)), \(date(first))"
            lines += ["", "Thư này được gửi muộn do hệ thống tạm ngừng (lẽ ra được gửi \(meant))."]
        }
        // The Office reading its own digest is not told to contact itself.
        let address = content.instance.address.lowercased()
        var admins: [String] = []
        for section in content.sections {
            for admin in section.plan.admins where !admins.contains(admin) && admin.lowercased() != address {
                admins.append(admin)
            }
        }
        if !admins.isEmpty { lines += ["", "Mọi thắc mắc xin liên hệ: \(admins.joined(separator: ", "))."] }
        lines += ["", "Trân trọng./.", "", MailFooter.text]
        return lines.joined(separator: "\n")
    }

    /// `ngày 08/12/2025`: the date as every mail writes it.
    static func date(_ day: LocalDate) -> String { "ngày \(day.vietnamese)" }

    /// `còn 3 ngày làm việc`, `hạn cuối hôm nay`, `đã quá hạn 2 ngày làm việc`, counted from the day it is sent.
    static func countdown(_ due: LocalDate, today: LocalDate, calendar: WorkingCalendar) -> String {
        if due == today { return "hạn cuối hôm nay" }
        if today < due {
            let left = calendar.workingDays(from: today, to: due)
            return left > 0 ? "còn \(left) ngày làm việc" : "còn \(due.julianDay - today.julianDay) ngày"
        }
        let late = calendar.workingDays(from: due, to: today)
        return late > 0 ? "đã quá hạn \(late) ngày làm việc" : "đã quá hạn \(today.julianDay - due.julianDay) ngày"
    }

    static func roman(_ n: Int) -> String {
        let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n, out = ""
        for (value, letters) in table { while n >= value { out += letters; n -= value } }
        return out
    }
}

extension MessageComposer {
    /// The weekly digest of one address: `To` the address (with its department's name when it has one),
    /// replies to the plans' admins, Message-ID `<digest.YYYY-Www.LOCAL@DOMAIN>`, stable per
    /// address and week, threaded under `<digest.LOCAL@DOMAIN>`.
    public func digest(_ content: DigestContent, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail {
        let instance = content.instance
        let plans = content.sections.map(\.plan)
        guard let first = plans.first else {
            throw MailError(code: .emptyRendering, message: "digest \(instance.key) lists no task")
        }
        let reading = LocalReading(now, zone: first.timeZone)
        let names = DigestMailText.addressees(content, plans: plans)
        let subject = Self.oneLine(DigestMailText.subject(content, isLate: isLate))
        let body = Self.paragraphs(DigestMailText.body(content, addressees: names, calendar: calendar, today: reading.day, isLate: isLate))
        var admins: [String] = []
        for plan in plans { for admin in plan.admins where !admins.contains(admin) { admins.append(admin) } }
        let messageID = identifiers.digestID(instance)
        let root = identifiers.digestRoot(instance.address)
        let name = names.count == 1 && names[0] != instance.address ? names[0] : nil
        let message = headers(to: [Mailbox(name: name, address: instance.address)], cc: [], replyTo: admins, subject: subject,
                              date: reading, messageID: messageID, inReplyTo: root, references: [root])
        logger.debug("rendered digest", metadata: ["message-id": "\(messageID)", "digest": "\(instance.key)"])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: [instance.address], messageID: messageID,
                            data: message.message(body: body))
    }
}

extension ThreadIdentifiers {
    /// `<digest.YYYY-Www.LOCAL@DOMAIN>`: one id per address and week, the same on every attempt. An address of
    /// another domain than the sender's keeps it on the left, `<digest.YYYY-Www.LOCAL=THEIRS@DOMAIN>`.
    func digestID(_ instance: DigestInstance) -> String {
        "<digest.\(instance.week).\(atom(instance.address))@\(domain)>"
    }

    /// `<digest.LOCAL@DOMAIN>`: the root under which an address's digests thread.
    func digestRoot(_ address: String) -> String { "<digest.\(atom(address))@\(domain)>" }

    /// An address as a dot-atom: its local part when its domain is ours, else with `@` as `=` (allowed in a Message-ID).
    func atom(_ address: String) -> String {
        let suffix = "@" + domain.lowercased()
        if address.lowercased().hasSuffix(suffix) { return String(address.dropLast(suffix.count)) }
        return address.replacingOccurrences(of: "@", with: "=")
    }
}

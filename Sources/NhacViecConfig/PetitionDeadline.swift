import Foundation
import NhacViecCore

/// A petition's deadline cell as an office types it, turned into the due rule the petitions file stores, so that
/// `check` and the daemon read the file as before.
///
/// Accepted: a date as Vietnamese write it (`30/01/2026`, `5/1/2026`); a number of days from the Conclusion Notice
/// (`15 ngày làm việc` → `conclusion + 15wd`, `10 ngày` → `conclusion + 10d`, also "trong 15 ngày làm việc kể từ
/// ngày ban hành Thông báo kết luận"), with or without diacritics; and a task's `due` (`conclusion + 15wd`,
/// `2026-01-30`).
enum PetitionDeadline {
    /// The forms, as messages list them.
    static let forms = "15 ngày làm việc hoặc 10 ngày (tính từ Thông báo kết luận), một ngày như 30/01/2026, "
        + "hoặc SỰ-KIỆN + SỐ NGÀY như conclusion + 15wd"

    /// The due rule for the cell `text` of a petition of `plan`: `conclusion + 15wd`, `2026-01-30`.
    static func rule(_ text: String, plan: Plan) throws(PetitionDeadlineError) -> String {
        let cell = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if cell.isEmpty { throw PetitionDeadlineError(.empty, "chưa ghi hạn trả lời; ghi như: \(forms)") }
        if cell.unicodeScalars.allSatisfy({ $0 == "/" || ("0"..."9").contains($0) }) && cell.contains("/") {
            return try slashDate(cell).iso
        }
        let words = VietnameseFolding.words(cell)
        if let first = words.first, first == "trong" || isDigits(first), words.contains("ngay") {
            return try daysFromConclusion(cell, words: words, plan: plan)
        }
        switch DueRuleParser.parse(cell) {
        case .success(.absolute(let date)):
            try checkYear(date, cell)
            return date.iso
        case .success(.relative(let event, _, _)):
            guard plan.events[event] == nil else { return cell }
            let known = plan.events.keys.sorted()
            let hint = KeySuggestion.nearest(to: event, among: known).map { "; có phải '\($0)'?" } ?? ""
            let list = known.isEmpty ? "kế hoạch không có sự kiện nào" : "các sự kiện: \(known.joined(separator: ", "))"
            throw PetitionDeadlineError(.undefinedEvent, "hạn '\(cell)' tính từ sự kiện '\(event)', "
                                        + "nhưng kế hoạch '\(plan.id)' không có sự kiện này\(hint) (\(list))")
        case .success(.recurring):
            // A text never parses as a recurring rule (only a YAML mapping is one), and a petition cannot recur.
            throw malformed(cell)
        case .failure(.badOffset(let offset)):
            throw PetitionDeadlineError(.badOffset, "số ngày '\(offset)' trong hạn phải là số ngày như '10d' "
                                        + "hoặc số ngày làm việc như '15wd'")
        case .failure(.badDate):
            if let problem = isoDateProblem(cell) { throw PetitionDeadlineError(.impossibleDate, problem) }
            throw malformed(cell)
        case .failure(.malformed):
            throw malformed(cell)
        }
    }

    /// `dd/mm/yyyy` or `d/m/yyyy`: day first, as Vietnamese write a date.
    private static func slashDate(_ cell: String) throws(PetitionDeadlineError) -> LocalDate {
        let parts = cell.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else {
            throw PetitionDeadlineError(.malformed, "'\(cell)' không đúng dạng ngày: ghi ngày/tháng/năm, năm đủ bốn "
                                        + "chữ số, như 30/01/2026")
        }
        if let problem = calendarProblem(day: day, month: month, year: year) {
            let swapped = month > 12 && day <= 12 ? "; ngày ghi trước, tháng ghi sau (ngày/tháng/năm)" : ""
            throw PetitionDeadlineError(.impossibleDate, "'\(cell)' không phải ngày có thật: \(problem)\(swapped)")
        }
        let date = LocalDate(year: year, month: month, day: day)!
        try checkYear(date, cell)
        return date
    }

    /// Why `YYYY-MM-DD` names no day, or nil when the text is not of that shape.
    private static func isoDateProblem(_ cell: String) -> String? {
        let parts = cell.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              let problem = calendarProblem(day: day, month: month, year: year) else { return nil }
        return "'\(cell)' không phải ngày có thật: \(problem)"
    }

    /// What is wrong with a day, month and year, or nil when they name a day.
    private static func calendarProblem(day: Int, month: Int, year: Int) -> String? {
        guard (1...12).contains(month) else { return "không có tháng \(month)" }
        let days = LocalDate.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            return day == 0 ? "không có ngày 0" : "tháng \(month) năm \(year) chỉ có \(days) ngày"
        }
        return nil
    }

    private static func checkYear(_ date: LocalDate, _ cell: String) throws(PetitionDeadlineError) {
        let years = StatutoryHolidays.firstYear...StatutoryHolidays.lastYear
        guard !years.contains(date.year) else { return }
        throw PetitionDeadlineError(.outsideYears, "hạn \(date.vietnamese) nằm ngoài các năm nhacviec biết lịch nghỉ "
                                    + "(\(years.lowerBound)-\(years.upperBound))")
    }

    /// `[trong [vòng | thời hạn]] N ngày [làm việc] [kể từ … Thông báo kết luận]`, folded into words.
    private static func daysFromConclusion(_ cell: String, words: [String],
                                           plan: Plan) throws(PetitionDeadlineError) -> String {
        var rest = words[...]
        if rest.first == "trong" {
            rest = rest.dropFirst()
            if rest.first == "vong" { rest = rest.dropFirst() }
            if rest.starts(with: ["thoi", "han"]) { rest = rest.dropFirst(2) }
        }
        guard let count = rest.first, isDigits(count),
              rest.dropFirst().first == "ngay" else { throw malformed(cell) }
        rest = rest.dropFirst(2)
        let working = rest.starts(with: ["lam", "viec"])
        if working { rest = rest.dropFirst(2) }
        if let from = rest.first {
            guard ["ke", "tu", "sau"].contains(from), rest.joined(separator: " ").contains("ket luan") else {
                throw PetitionDeadlineError(.otherStartingPoint, "hạn '\(cell)' không tính từ Thông báo kết luận: "
                                            + "một số ngày chỉ tính được từ Thông báo kết luận (như 15 ngày làm việc); "
                                            + "từ một sự kiện khác của kế hoạch, ghi SỰ-KIỆN + 15wd")
            }
        }
        guard count.count <= 4, let amount = Int(count) else {
            throw PetitionDeadlineError(.badOffset, "hạn '\(cell)': số ngày phải từ 0 đến 9999")
        }
        let unit = working ? "wd" : "d"
        switch ConclusionNoticeEvent.lookup(in: plan) {
        case .found(let event):
            return "\(event) + \(amount)\(unit)"
        case .missing:
            // The notice may be there under an id and without a name the lookup knows: say how to name it too.
            let known = plan.events.keys.sorted()
            let list = known.isEmpty ? "kế hoạch chưa có sự kiện nào" : "các sự kiện: \(known.joined(separator: ", "))"
            let rename = known.isEmpty ? "" : ", hoặc đặt cho sự kiện đó name: ban hành Thông báo kết luận"
            throw PetitionDeadlineError(.noConclusionEvent, "hạn '\(cell)' tính từ ngày ban hành Thông báo kết luận, "
                                        + "nhưng kế hoạch '\(plan.id)' không có sự kiện đó (\(list)). Trong events "
                                        + "của kế hoạch, thêm conclusion: {date: tbd, name: ban hành Thông báo kết "
                                        + "luận}\(rename); hoặc ghi hạn dạng SỰ-KIỆN + \(amount)\(unit)")
        case .ambiguous(let events):
            throw PetitionDeadlineError(.ambiguousConclusionEvent, "hạn '\(cell)' tính từ Thông báo kết luận, nhưng "
                                        + "kế hoạch '\(plan.id)' có nhiều sự kiện mang tên đó: "
                                        + "\(events.joined(separator: ", ")); ghi hạn dạng "
                                        + "\(events[0]) + \(amount)\(unit), hoặc đặt mã sự kiện là conclusion")
        }
    }

    private static func isDigits(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    private static func malformed(_ cell: String) -> PetitionDeadlineError {
        PetitionDeadlineError(.malformed, "không hiểu hạn trả lời '\(cell)'; ghi một trong các dạng: \(forms)")
    }
}

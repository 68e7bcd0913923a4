import Foundation
import NhacViecCore

/// Reads the rows of a petitions spreadsheet (CSV records) into petitions for one plan, reporting every problem
/// at `FILE:ROW:COLUMN` (ROW the physical line where the record starts, COLUMN the field's number from 1).
public struct PetitionTable {
    /// The five columns, by their English names.
    public enum Column: String, CaseIterable, Sendable {
        case number = "so"
        case content = "noi-dung"
        case raisedBy = "nguoi-kien-nghi"
        case department = "don-vi"
        case due = "han"

        /// The heading an office types in its spreadsheet.
        public var vietnamese: String {
            switch self {
            case .number: return "Số TT"
            case .content: return "Nội dung kiến nghị"
            case .raisedBy: return "Người kiến nghị"
            case .department: return "Đơn vị trả lời"
            case .due: return "Hạn trả lời"
            }
        }
    }

    /// The petitions read, in file order (empty when there are errors).
    public var petitions: [Petition] = []
    /// Every problem found.
    public var diagnostics: [Diagnostic] = []

    /// The column a heading names: the English name or the Vietnamese heading, in any case, spaces trimmed.
    public static func column(forHeading heading: String) -> Column? {
        let words = heading.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
        let normal = words.joined(separator: " ")
        return Column.allCases.first { $0.rawValue == normal || $0.vietnamese.lowercased() == normal }
    }

    /// Reads `records` (the first is the header) of `file` for `plan`, whose own tasks are `planTaskIDs`.
    public init(records: [CSVRecord], file: String, plan: Plan, planTaskIDs: Set<String>) {
        guard let header = records.first else {
            diagnostics.append(Diagnostic(file: file, line: 1, column: 1, message: "the file is empty; it needs a header row (\(Self.headerHint)) and one row per petition"))
            return
        }
        var columns: [Column: Int] = [:]
        var headerOK = true
        for (index, heading) in header.fields.enumerated() {
            guard let column = Self.column(forHeading: heading) else {
                let names = Column.allCases.flatMap { [$0.rawValue, $0.vietnamese] }
                let hint = KeySuggestion.hint(for: heading.lowercased(), among: names)
                error(file, header.line, index + 1, "unknown column '\(heading)'\(hint); the columns are \(Self.headerHint)")
                headerOK = false
                continue
            }
            if let first = columns[column] {
                error(file, header.line, index + 1, "column '\(column.rawValue)' appears twice (first in column \(first + 1))")
                headerOK = false
                continue
            }
            columns[column] = index
        }
        for column in Column.allCases where columns[column] == nil && column != .raisedBy {
            error(file, header.line, 1, "the header has no '\(column.rawValue)' column (\(column.vietnamese)); the columns are \(Self.headerHint)")
            headerOK = false
        }
        guard headerOK else { return }
        let width = header.fields.count
        let departments = plan.departments.map(\.id)
        let events = plan.events.keys.sorted()
        var firstLine: [Int: Int] = [:]
        var read: [Petition] = []
        for record in records.dropFirst() {
            guard record.fields.count == width else {
                let column = record.fields.count < width ? record.fields.count + 1 : width + 1
                error(file, record.line, column, "this row has \(record.fields.count) fields, the header has \(width); a comma in a field needs the field in double quotes")
                continue
            }
            func field(_ column: Column) -> (text: String, column: Int)? {
                columns[column].map { (DueRuleParser.trimmed(record.fields[$0]), $0 + 1) }
            }
            let before = diagnostics.count
            var number: Int?
            if let (text, column) = field(.number) {
                if let value = Int(text), value >= 1, value <= Petition.maximumNumber {
                    number = value
                } else {
                    error(file, record.line, column, text.isEmpty ? "the petition has no number (so)" :
                          "the petition number must be a whole number from 1 to \(Petition.maximumNumber), not '\(text)'")
                }
            }
            if let value = number {
                if let line = firstLine[value] {
                    error(file, record.line, columns[.number]! + 1, "duplicate petition number \(value) (first on line \(line))")
                    number = nil
                } else {
                    firstLine[value] = record.line
                    if planTaskIDs.contains(Petition.taskID(value)) {
                        error(file, record.line, columns[.number]! + 1, "petition \(value) would be task '\(Petition.taskID(value))', which plan '\(plan.id)' already has; rename that task")
                    }
                }
            }
            let content = field(.content)!
            if content.text.isEmpty {
                error(file, record.line, content.column, "the content (noi-dung) is empty")
            } else {
                checkText(content.text, what: "the content", file: file, line: record.line, column: content.column)
            }
            let raisedBy = field(.raisedBy) ?? ("", 0)
            if !raisedBy.text.isEmpty {
                checkText(raisedBy.text, what: "who raised it", file: file, line: record.line, column: raisedBy.column)
            }
            let department = field(.department)!
            if department.text.isEmpty {
                error(file, record.line, department.column, "no answering department (don-vi); departments: \(departments.joined(separator: ", "))")
            } else if !departments.contains(department.text) {
                let hint = KeySuggestion.hint(for: department.text, among: departments)
                error(file, record.line, department.column, "'\(department.text)' is not a department of plan '\(plan.id)'\(hint)")
            }
            let due = field(.due)!
            if let problem = Self.dueProblem(due.text, plan: plan, events: events) {
                error(file, record.line, due.column, problem)
            }
            if diagnostics.count == before, let number {
                read.append(Petition(number: number, content: Self.unixLines(content.text), raisedBy: Self.unixLines(raisedBy.text),
                                     department: department.text, due: due.text))
            }
        }
        if diagnostics.isEmpty { petitions = read }
    }

    /// A cell's line breaks as LF: a spreadsheet writes them as LF or CRLF.
    static func unixLines(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    public static let headerHint = "so, noi-dung, nguoi-kien-nghi, don-vi, han (or Số TT, Nội dung kiến nghị, Người kiến nghị, Đơn vị trả lời, Hạn trả lời)"

    /// Why a deadline cannot be used, or nil: written like a task's `due`, with an event of the plan.
    static func dueProblem(_ text: String, plan: Plan, events: [String]) -> String? {
        if text.isEmpty { return "no deadline (han); write it like a task's due: conclusion + 15wd, or 2026-01-30" }
        switch DueRuleParser.parse(text) {
        case .success(.absolute(let date)):
            let years = StatutoryHolidays.firstYear...StatutoryHolidays.lastYear
            return years.contains(date.year) ? nil : "deadline \(date.iso) is outside the supported years \(years.lowerBound)-\(years.upperBound)"
        case .success(.relative(let event, _, _)):
            guard plan.events[event] == nil else { return nil }
            let known = events.isEmpty ? "no events are defined" : "known events: \(events.joined(separator: ", "))"
            return "deadline '\(text)' refers to undefined event '\(event)'\(KeySuggestion.hint(for: event, among: events)) (\(known))"
        case .failure(.badOffset(let offset)):
            return "offset '\(offset)' in the deadline must be a number of days like '10d' or of working days like '15wd'"
        case .failure(.badDate):
            return "deadline '\(text)' is not a valid date (write YYYY-MM-DD, like 2026-01-30)"
        case .failure(.malformed):
            return "the deadline must be a date (2026-01-30) or an event plus an offset (conclusion + 15wd), not '\(text)'"
        }
    }

    private mutating func checkText(_ text: String, what: String, file: String, line: Int, column: Int) {
        if let control = ControlCharacters.tabsAndLineBreaks.firstForbidden(in: text) {
            error(file, line, column, "control character \(ControlCharacters.name(control)) in \(what); delete it")
        }
    }

    private mutating func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
    }
}

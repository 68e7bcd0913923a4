import Foundation
import NhacViecCore

/// Reads the rows of a petitions spreadsheet (CSV records) into petitions for one plan, reporting every problem
/// at `FILE:ROW:COLUMN` (ROW the physical line where the record starts, COLUMN the field's number from 1).
///
/// The messages are in Vietnamese, for the office that typed the spreadsheet; the petitions keep what the
/// petitions file stores: department ids and due rules (`conclusion + 15wd`, `2026-01-30`).
public struct PetitionTable {
    /// The petitions read, in file order (empty when there are errors).
    public var petitions: [Petition] = []
    /// Every problem found.
    public var diagnostics: [Diagnostic] = []

    /// Reads `records` (the first is the header) of `file` for `plan`, whose own tasks are `planTaskIDs`.
    public init(records: [CSVRecord], file: String, plan: Plan, planTaskIDs: Set<String>) {
        guard let header = records.first else {
            error(file, 1, 1, "tệp không có dữ liệu; cần một dòng tiêu đề (\(Self.headerHint)) và mỗi kiến nghị "
                  + "một dòng")
            return
        }
        guard let columns = readHeader(header, file: file) else { return }
        let width = header.fields.count
        let matcher = DepartmentMatcher(plan: plan)
        // A spreadsheet repeats the same department and deadline on many rows: each distinct cell is read once.
        var departments: [String: Result<String, DepartmentMatchError>] = [:]
        var deadlines: [String: Result<String, PetitionDeadlineError>] = [:]
        var firstLine: [Int: Int] = [:]
        var read: [Petition] = []
        for record in records.dropFirst() {
            guard record.fields.count == width else {
                let column = record.fields.count < width ? record.fields.count + 1 : width + 1
                error(file, record.line, column, "dòng này có \(record.fields.count) ô, dòng tiêu đề có \(width); "
                      + "ô nào có dấu phẩy phải đặt trong dấu ngoặc kép")
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
                    error(file, record.line, column, text.isEmpty ? "kiến nghị chưa có số thứ tự (STT)" :
                          "số thứ tự phải là số nguyên từ 1 đến \(Petition.maximumNumber), không phải '\(text)'")
                }
            }
            if let value = number {
                let column = columns[.number]! + 1
                if let line = firstLine[value] {
                    error(file, record.line, column, "trùng số thứ tự \(value) (đã có ở dòng \(line))")
                    number = nil
                } else {
                    firstLine[value] = record.line
                    if planTaskIDs.contains(Petition.taskID(value)) {
                        error(file, record.line, column, "kiến nghị số \(value) sẽ là nhiệm vụ "
                              + "'\(Petition.taskID(value))', mà kế hoạch '\(plan.id)' đã có nhiệm vụ này; "
                              + "hãy đổi mã nhiệm vụ đó trong kế hoạch")
                    }
                }
            }
            let content = field(.content)!
            if content.text.isEmpty {
                error(file, record.line, content.column, "nội dung kiến nghị để trống")
            } else {
                checkText(content.text, what: "nội dung kiến nghị", file: file, line: record.line,
                          column: content.column)
            }
            let raisedBy = field(.raisedBy) ?? ("", 0)
            if !raisedBy.text.isEmpty {
                checkText(raisedBy.text, what: "tên người kiến nghị", file: file, line: record.line,
                          column: raisedBy.column)
            }
            let departmentCell = field(.department)!
            let department: String?
            let matched = departments[departmentCell.text] ?? Result { () throws(DepartmentMatchError) in
                try matcher.id(for: departmentCell.text)
            }
            departments[departmentCell.text] = matched
            switch matched {
            case .success(let id): department = id
            case .failure(let problem):
                department = nil
                error(file, record.line, departmentCell.column, problem.message)
            }
            let dueCell = field(.due)!
            let due: String?
            let rule = deadlines[dueCell.text] ?? Result { () throws(PetitionDeadlineError) in
                try PetitionDeadline.rule(dueCell.text, plan: plan)
            }
            deadlines[dueCell.text] = rule
            switch rule {
            case .success(let text): due = text
            case .failure(let problem):
                due = nil
                error(file, record.line, dueCell.column, problem.message)
            }
            if diagnostics.count == before, let number, let department, let due {
                read.append(Petition(number: number, content: Self.unixLines(content.text),
                                     raisedBy: Self.unixLines(raisedBy.text), department: department, due: due))
            }
        }
        if diagnostics.isEmpty { petitions = read }
    }

    /// The field number of each column, or nil when the header has problems (each reported).
    private mutating func readHeader(_ header: CSVRecord, file: String) -> [Column: Int]? {
        var columns: [Column: Int] = [:]
        var headerOK = true
        for (index, heading) in header.fields.enumerated() {
            guard let column = Self.column(forHeading: heading) else {
                error(file, header.line, index + 1, "không biết cột '\(heading)'\(Self.headingHint(heading)); "
                      + "các cột là \(Self.headerHint)")
                headerOK = false
                continue
            }
            if let first = columns[column] {
                error(file, header.line, index + 1,
                      "cột '\(column.vietnamese)' có hai lần (lần đầu ở cột \(first + 1))")
                headerOK = false
                continue
            }
            columns[column] = index
        }
        for column in Column.allCases where columns[column] == nil && column != .raisedBy {
            error(file, header.line, 1, "dòng tiêu đề thiếu cột '\(column.vietnamese)' (\(column.rawValue)); "
                  + "các cột là \(Self.headerHint)")
            headerOK = false
        }
        return headerOK ? columns : nil
    }

    /// `; có phải cột 'Nội dung kiến nghị'?` for a heading near a known one, or nothing.
    private static func headingHint(_ heading: String) -> String {
        let known = Column.allCases.flatMap { column in
            ([column.rawValue] + column.headings).map { (VietnameseFolding.key($0), column) }
        }
        let key = VietnameseFolding.key(heading)
        guard !key.isEmpty, let near = KeySuggestion.nearest(to: key, among: known.map(\.0)),
              let column = known.first(where: { $0.0 == near })?.1 else { return "" }
        return "; có phải cột '\(column.vietnamese)'?"
    }

    /// A cell's line breaks as LF: a spreadsheet writes them as LF or CRLF.
    static func unixLines(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    private mutating func checkText(_ text: String, what: String, file: String, line: Int, column: Int) {
        if let control = ControlCharacters.tabsAndLineBreaks.firstForbidden(in: text) {
            error(file, line, column, "ký tự điều khiển \(ControlCharacters.name(control)) trong \(what); hãy xoá nó")
        }
    }

    private mutating func error(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
    }
}

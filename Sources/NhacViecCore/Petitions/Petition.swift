/// One petition (kiến nghị) of a Conclusion Notice: its number, what was asked, who asked, which department
/// answers it, and by when. Each becomes the task `kn-NUMBER` of its plan.
public struct Petition: Sendable, Hashable {
    /// Its number in the Conclusion Notice (Số TT), from 1.
    public var number: Int
    /// What the petition asks (Nội dung kiến nghị).
    public var content: String
    /// Who raised it: a resident or a residential group (Người kiến nghị); may be empty.
    public var raisedBy: String
    /// The id of the department that must answer it (Đơn vị trả lời).
    public var department: String
    /// Its deadline as written, like a task's `due`: `conclusion + 15wd`, `2026-01-30`.
    public var due: String

    /// Creates a petition.
    public init(number: Int, content: String, raisedBy: String, department: String, due: String) {
        self.number = number
        self.content = content
        self.raisedBy = raisedBy
        self.department = department
        self.due = due
    }

    /// The largest petition number accepted.
    public static let maximumNumber = 999_999

    /// The id of the task a petition becomes: `kn-12`. Stable across imports, since done marks are keyed by it.
    public static func taskID(_ number: Int) -> String { "kn-\(number)" }

    /// The number of a petition task id (`kn-12` → 12), or nil for another task.
    public static func number(ofTaskID id: String) -> Int? {
        guard id.hasPrefix("kn-"), let number = Int(id.dropFirst(3)), number > 0, taskID(number) == id else { return nil }
        return number
    }

    /// Its task's id.
    public var taskID: String { Self.taskID(number) }

    /// Its task's title: one line, since it is the reminder's subject.
    public var title: String { "Trả lời kiến nghị số \(number)" }

    /// Its task's description, which the reminder's body carries: the content and who raised it.
    public var taskDescription: String {
        let by = raisedBy.isEmpty ? "" : "\nNgười kiến nghị: \(raisedBy)"
        return "Nội dung kiến nghị: \(content)\(by)"
    }
}

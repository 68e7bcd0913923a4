/// What makes a task one occurrence of a recurring task: the recurring task it comes from and the period it is for.
///
/// An occurrence is an item of its own: its id, `TASK+PERIOD` (`bao-cao-thang+2027-03`), names it in every key (ledger
/// rows, completion marks, Message-IDs, calendar UIDs, reply tokens), so March and April are done, reminded and
/// answered apart. `+` cannot occur in a plan's ids, and is allowed in a Message-ID's left-hand side.
public struct TaskOccurrence: Sendable, Hashable {
    /// The separator between the recurring task's id and the period's name in an occurrence's id.
    public static let separator: Character = "+"

    /// The recurring task's own id (`bao-cao-thang`).
    public var taskID: String
    /// The occurrence: its period and nominal day.
    public var occurrence: Occurrence
    /// The recurring rule it comes from.
    public var recurrence: Recurrence

    /// Creates the mark of one occurrence.
    public init(taskID: String, occurrence: Occurrence, recurrence: Recurrence) {
        self.taskID = taskID
        self.occurrence = occurrence
        self.recurrence = recurrence
    }

    /// The period's name, `2027-03`.
    public var period: String { occurrence.period }

    /// The period in words, `tháng 3/2027`.
    public var periodText: String { occurrence.periodText }

    /// The occurrence's id: `TASK+PERIOD`.
    public var id: String { Self.id(taskID: taskID, period: occurrence.period) }

    /// The id of the occurrence of task `taskID` named `period`.
    public static func id(taskID: String, period: String) -> String { "\(taskID)\(separator)\(period)" }

    /// The recurring task's id and the period's name of an occurrence's id; nil for the id of a task that does not
    /// recur.
    public static func split(_ id: String) -> (taskID: String, period: String)? {
        guard let mark = id.firstIndex(of: separator) else { return nil }
        return (String(id[..<mark]), String(id[id.index(after: mark)...]))
    }
}

import Foundation

/// The four kinds of reminder a task can produce.
public enum ReminderKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Before the due day.
    case advance
    /// On the due day.
    case due
    /// After the due day, while the task is not done.
    case overdue
    /// To the escalation recipients, once, while the task is not done.
    case escalation

    /// The order of kinds sent on the same day.
    public var rank: Int {
        switch self {
        case .advance: return 0
        case .due: return 1
        case .overdue: return 2
        case .escalation: return 3
        }
    }
}

/// One reminder to be sent: which task, what kind, to whom, on which day and at which instant.
public struct ReminderInstance: Hashable, Sendable {
    /// The plan's id.
    public var planID: String
    /// The task's id.
    public var taskID: String
    /// What kind of reminder.
    public var kind: ReminderKind
    /// The task's due day.
    public var dueDay: LocalDate
    /// The local day on which it is sent.
    public var day: LocalDate
    /// The instant at which it is sent.
    public var at: Date
    /// Sorted, distinct recipient addresses.
    public var recipients: [String]

    /// Creates an instance.
    public init(planID: String, taskID: String, kind: ReminderKind, dueDay: LocalDate, day: LocalDate, at: Date,
                recipients: [String]) {
        self.planID = planID
        self.taskID = taskID
        self.kind = kind
        self.dueDay = dueDay
        self.day = day
        self.at = at
        self.recipients = recipients
    }

    /// A key that names this instance for good: plan, task, kind and day.
    public var key: String { Self.key(planID: planID, taskID: taskID, kind: kind, day: day) }

    /// The key of the instance of this plan, task, kind and day.
    public static func key(planID: String, taskID: String, kind: ReminderKind, day: LocalDate) -> String {
        "\(planID)/\(taskID)/\(kind.rawValue)/\(day.iso)"
    }

    /// The key of the task it belongs to.
    public var taskKey: TaskKey { TaskKey(planID: planID, taskID: taskID) }
}

/// Names one task across all plans.
public struct TaskKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The plan's id.
    public var planID: String
    /// The task's id.
    public var taskID: String

    /// Creates a key.
    public init(planID: String, taskID: String) {
        self.planID = planID
        self.taskID = taskID
    }

    public var description: String { "\(planID)/\(taskID)" }

    public static func < (lhs: TaskKey, rhs: TaskKey) -> Bool {
        (lhs.planID, lhs.taskID) < (rhs.planID, rhs.taskID)
    }
}

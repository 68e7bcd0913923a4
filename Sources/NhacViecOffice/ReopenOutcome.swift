import NhacViecCore

/// What `Reopen` changed.
public struct ReopenOutcome: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// The task's title.
    public var title: String
    /// The departments named; nil for every owner.
    public var departments: [String]?
    /// Whether any completion was removed.
    public var reopened = false
    /// Why the calendar files could not be refreshed, when they could not.
    public var calendarWarning: String?

    /// `vp, kinh-te` or `every owner`.
    var which: String { departments?.joined(separator: ", ") ?? "every owner" }

    /// The line `reopen` prints: `PLAN/TASK: reopened for vp — TITLE`, or `PLAN/TASK: was not done`.
    public var report: String { reopened ? "\(task): reopened for \(which) — \(title)" : "\(task): was not done" }
}

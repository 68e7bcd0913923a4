/// A snapshot for `STATUS=` and logs.
public struct SchedulerSummary: Sendable, Hashable {
    /// The earliest pending reminder.
    public var next: ReminderInstance?
    /// Streams with something pending.
    public var pending: Int
    /// Tasks past their due day and not done.
    public var overdue: Int
}

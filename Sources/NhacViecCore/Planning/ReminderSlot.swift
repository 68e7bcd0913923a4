/// One reminder of a task without its recipients or instant: what the scheduler needs to order a
/// task's reminders and find the next one, at a fraction of the cost of a full `ReminderInstance`.
public struct ReminderSlot: Sendable, Hashable {
    /// The local day on which it is sent.
    public var day: LocalDate
    /// What kind of reminder.
    public var kind: ReminderKind

    /// Creates a slot.
    public init(day: LocalDate, kind: ReminderKind) {
        self.day = day
        self.kind = kind
    }

    /// The same key as the `ReminderInstance` it stands for.
    public func key(planID: String, taskID: String) -> String {
        ReminderInstance.key(planID: planID, taskID: taskID, kind: kind, day: day)
    }
}

/// What a scheduler's load works out for one task, on any thread: the parts of its state that take
/// calendar arithmetic, gathered per plan and then written into the scheduler's flat arrays.
struct PlannedTask: Sendable {
    /// Where one of the task's two streams starts.
    struct StreamStart: Sendable {
        /// The stream of a task that has no reminder of that kind.
        static let absent = StreamStart(exists: false, cursor: Int32.min, nextAt: .nan)
        /// Whether the task has any reminder of the stream's kind.
        var exists: Bool
        /// The julian day of the last handled reminder, or `Int32.min`.
        var cursor: Int32
        /// The next reminder's instant (seconds since 1970), or nan when none is left.
        var nextAt: Double
    }

    /// The due day as a julian day, or `Int32.min` while the task waits for an event.
    var dueDay: Int32
    /// Whether every owner has finished it.
    var isDone: Bool
    /// The owners' reminders: advance, due and overdue.
    var owners: StreamStart
    /// The escalation.
    var escalation: StreamStart
}

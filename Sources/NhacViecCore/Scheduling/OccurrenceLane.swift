/// One of the few slots in which the scheduler holds a recurring task's occurrences, one at a time: lane `position`
/// of a ring of `ring` holds the occurrences whose period index is `position` modulo `ring`, and moves `ring` periods
/// on once its occurrence has nothing left to send. Only the occurrences open or next are ever held, however long
/// the rule runs.
struct OccurrenceLane: Sendable {
    /// The recurring task's number in `ReminderStreams`.
    var task: Int32
    /// Which of the ring's lanes it is.
    var position: Int32
    /// How many lanes the task has.
    var ring: Int32
    /// The occurrence it holds, as a task of its own; nil before the first and after the last.
    var occurrence: PlanTask?

    /// How many lanes a task needs so that an occurrence's first reminder never comes before the last one of the
    /// occurrence `ring` periods earlier: the reminders' reach in days over the shortest period, with room for a
    /// shift over Tết on either side.
    static func ring(of task: PlanTask, recurrence: Recurrence) -> Int {
        let reach = task.reachInDays
        return (reach.before + reach.after + 2 * tetSlack) / recurrence.unit.shortestDays + 2
    }

    /// The most days a shift or a working-day count can stretch over the longest run of days off (Tết).
    static let tetSlack = 10
}

extension PlanTask {
    /// How many days before its due day its first reminder can come, and after it its last: a bound, with each
    /// working day counted as up to 7/5 of a day plus the longest run of days off.
    var reachInDays: (before: Int, after: Int) {
        func days(_ offset: Offset, times: Int = 1) -> Int {
            let total = offset.amount * times
            return offset.unit == .workingDays ? (total * 7 + 4) / 5 + OccurrenceLane.tetSlack : total
        }
        let before = remind.map { days($0) }.max() ?? 0
        let overdue = overdue.map { days($0.every, times: $0.times) } ?? 0
        let escalation = escalate.map { days($0.after) } ?? 0
        return (before, max(overdue, escalation))
    }
}

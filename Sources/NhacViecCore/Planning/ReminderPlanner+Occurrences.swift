// What a scheduler asks of a recurring task through the planner it already holds: the occurrences due in a window and
// the due day of one of them, under the task's shift and the planner's calendar. Each occurrence's reminders are then
// `slots(of:in:dueDay:)` of its due day, as for any task.

extension ReminderPlanner {
    /// The due day of one occurrence of a recurring task after the task's shift; nil when `shift: skip` drops it, or
    /// when the task does not recur.
    public func dueDay(of occurrence: Occurrence, of task: PlanTask) -> LocalDate? {
        guard case .recurring(let recurrence) = task.due else { return nil }
        return recurrence.dueDay(of: occurrence, shift: task.effectiveShift, calendar: calendar)
    }

    /// The occurrences of a recurring task due between two days, both included, in order; empty for a task that
    /// does not recur.
    public func occurrences(of task: PlanTask, dueFrom start: LocalDate, through end: LocalDate) -> [DueOccurrence] {
        guard case .recurring(let recurrence) = task.due else { return [] }
        return recurrence.occurrences(dueFrom: start, through: end, shift: task.effectiveShift, calendar: calendar)
    }
}

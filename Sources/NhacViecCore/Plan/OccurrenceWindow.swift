/// How far around a day the commands look for occurrences of recurring tasks: a year each way, so that `schedule`,
/// the calendar files, `status`, `done` and the digest stay bounded however long a rule runs.
public enum OccurrenceWindow {
    /// Days looked back (overdue occurrences still open) and ahead (`schedule`'s and the calendar files' default).
    public static let days = 366

    /// The occurrences of a recurring task an office deals with on `today`: those due in the year before it, then
    /// the next one due after it; empty for a task that does not recur.
    public static func current(of task: PlanTask, today: LocalDate, calendar: WorkingCalendar) -> [PlanTask] {
        guard case .recurring(let recurrence) = task.due else { return [] }
        let shift = task.effectiveShift
        var due = recurrence.occurrences(dueFrom: today.adding(days: -days), through: today, shift: shift,
                                         calendar: calendar)
        // The next one: the first due after today, looked for a period at a time.
        var start = today.adding(days: 1)
        while start <= recurrence.through.adding(days: days) {
            let end = start.adding(days: recurrence.unit.shortestDays * 2)
            if let next = recurrence.occurrences(dueFrom: start, through: end, shift: shift, calendar: calendar).first {
                due.append(next)
                break
            }
            start = end.adding(days: 1)
        }
        return due.map { task.occurrenceTask($0.occurrence, dueDay: $0.dueDay) }
    }
}

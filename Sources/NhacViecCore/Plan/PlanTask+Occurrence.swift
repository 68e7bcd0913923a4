import Foundation

extension PlanTask {
    /// The placeholder a recurring task's title may hold for the period (`Báo cáo {{period}} về …`); a title without
    /// it has the period added at its end.
    public static let periodPlaceholder = "{{period}}"

    /// Whether it is one occurrence of a recurring task.
    public var isOccurrence: Bool { occurrence != nil }

    /// Whether it lapses at the end of its due day instead of falling overdue: an occurrence with `overdue: none`.
    public var lapses: Bool { occurrence != nil && overdue == nil }

    /// The id of the task as written in the plan: a recurring task's own id for one of its occurrences.
    public var planTaskID: String { occurrence?.taskID ?? id }

    /// One occurrence of this recurring task as a task of its own, due on `dueDay`: its id `TASK+PERIOD`, its title
    /// naming the period (`Báo cáo công tác tháng 3/2027`), a fixed due day that no shift moves again, and the rest
    /// of the task (owners, reminders, overdue, escalation) as written.
    public func occurrenceTask(_ occurrence: Occurrence, dueDay: LocalDate) -> PlanTask {
        guard case .recurring(let recurrence) = due else { return self }
        var task = self
        let mark = TaskOccurrence(taskID: id, occurrence: occurrence, recurrence: recurrence)
        task.id = mark.id
        task.title = title.contains(Self.periodPlaceholder)
            ? title.replacingOccurrences(of: Self.periodPlaceholder, with: mark.periodText)
            : title + " " + mark.periodText
        task.due = .absolute(dueDay)
        task.shift = Shift.none
        task.occurrence = mark
        return task
    }
}

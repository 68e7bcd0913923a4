extension Plan {
    /// The task with this id, or the occurrence of a recurring task an id `TASK+PERIOD` names, due on its day under
    /// the task's shift; nil when there is neither, or when `shift: skip` drops that occurrence.
    public func task(_ id: String, calendar: WorkingCalendar) -> PlanTask? {
        if let task = task(id) { return task }
        guard let (taskID, period) = TaskOccurrence.split(id), let template = task(taskID),
              case .recurring(let recurrence) = template.due,
              let occurrence = recurrence.occurrence(named: period, calendar: calendar),
              let dueDay = recurrence.dueDay(of: occurrence, shift: template.effectiveShift, calendar: calendar) else {
            return nil
        }
        return template.occurrenceTask(occurrence, dueDay: dueDay)
    }

    /// Whether the plan has a recurring task.
    public var hasRecurringTasks: Bool { tasks.contains { $0.due.recurrence != nil } }

    /// The plan with each recurring task replaced by its occurrences due from `start` through `end`, in order, each a
    /// task of its own (`PlanTask.occurrenceTask(_:dueDay:)`): what a preview, a calendar file, the digest and
    /// `status` read, over a window they choose, while the daemon steps through occurrences one at a time.
    public func withOccurrences(dueFrom start: LocalDate, through end: LocalDate, calendar: WorkingCalendar) -> Plan {
        guard hasRecurringTasks else { return self }
        var plan = self
        plan.tasks = tasks.flatMap { task -> [PlanTask] in
            guard case .recurring(let recurrence) = task.due else { return [task] }
            return recurrence.occurrences(dueFrom: start, through: end, shift: task.effectiveShift, calendar: calendar)
                .map { task.occurrenceTask($0.occurrence, dueDay: $0.dueDay) }
        }
        return plan
    }
}

import NhacViecCore

// What a scheduler will rely on in every recurring rule that passes `check`: the rule has an occurrence, each is named
// so that its name finds it again, nominal days rise with the index inside `from`...`through`, due days never fall
// back, a shifted due day is a working day, and a window query returns what a walk finds. A broken one traps.

/// Walks the first occurrences of every recurring task of a configuration that loaded, checking each invariant.
func checkRecurrences(of configuration: Configuration) {
    let planner = ReminderPlanner(calendar: configuration.calendar)
    let calendar = planner.calendar
    for plan in configuration.plans.map(\.plan) {
        for task in plan.tasks {
            guard case .recurring(let rule) = task.due else { continue }
            guard let first = rule.firstOccurrence(calendar: calendar) else {
                fatalError("a rule that passed check has no occurrence: \(rule)")
            }
            var walked: [DueOccurrence] = []
            var next: Occurrence? = first
            var steps = 0
            while let occurrence = next, steps < 40 {
                steps += 1
                guard occurrence.nominal >= rule.from, occurrence.nominal <= rule.through,
                      rule.occurrence(named: occurrence.period, calendar: calendar) == occurrence,
                      rule.occurrence(index: occurrence.index, calendar: calendar) == occurrence else {
                    fatalError("occurrence \(occurrence) of \(rule) is outside its bounds or not found by its name")
                }
                if let due = planner.dueDay(of: occurrence, of: task) {
                    if task.effectiveShift != .none && !calendar.isWorkingDay(due) {
                        fatalError("a shifted due day \(due) is not a working day: \(rule), \(task.effectiveShift)")
                    }
                    if let last = walked.last, due < last.dueDay {
                        fatalError("due days fall back from \(last.dueDay) to \(due): \(rule)")
                    }
                    walked.append(DueOccurrence(occurrence: occurrence, dueDay: due))
                    _ = planner.slots(of: task, in: plan, dueDay: due)
                }
                next = rule.occurrence(after: occurrence, calendar: calendar)
                if let later = next, later.index <= occurrence.index || later.nominal <= occurrence.nominal
                    || rule.occurrence(before: later, calendar: calendar) != occurrence {
                    fatalError("occurrence \(later) does not follow \(occurrence): \(rule)")
                }
            }
            guard let last = walked.last else { continue }
            // Occurrences after the walk's last may share its due day; those the walk never reached are left out.
            let window = planner.occurrences(of: task, dueFrom: walked[0].dueDay, through: last.dueDay)
                .filter { $0.occurrence <= last.occurrence }
            if window != walked {
                fatalError("the window \(walked[0].dueDay)...\(last.dueDay) of \(rule) gives \(window), not \(walked)")
            }
        }
    }
}

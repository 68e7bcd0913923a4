import Foundation

// A task's due day in one place: the rule's default shift, the task's shift in force, and the
// computation from the plan's events and the working-day calendar.

/// Where a task stands on the calendar: due on a day, or waiting for an event to be announced.
public enum TaskTiming: Hashable, Sendable {
    /// Due on this day.
    case due(LocalDate)
    /// Depends on an event whose date is still `tbd`.
    case waiting(event: String)
    /// Recurs: each occurrence has its own due day (`Recurrence.occurrences(dueFrom:through:shift:calendar:)`), the
    /// task as a whole none.
    case recurring(Recurrence)
}

extension DueRule {
    /// The shift applied when the user did not choose one: notice before an event must never
    /// shrink, a period after an event ends on the next working day (Civil Code art. 148(5)), as does a fixed date
    /// or an occurrence of a recurring rule, and a task on the event's own day stays on it.
    public var defaultShift: Shift {
        switch self {
        case .absolute, .recurring: return .later
        case .relative(_, .before, let offset): return offset.amount == 0 ? .none : .earlier
        case .relative(_, .after, let offset): return offset.amount == 0 ? .none : .later
        }
    }
}

extension PlanTask {
    /// The shift in force: the task's own or its rule's default.
    public var effectiveShift: Shift { shift ?? due.defaultShift }
}

extension ReminderPlanner {
    /// The task's due day after shifting, or the event it waits for.
    public func timing(of task: PlanTask, in plan: Plan) -> TaskTiming {
        let raw: LocalDate
        switch task.due {
        case .absolute(let date):
            raw = date
        case .relative(let event, let direction, let offset):
            guard let base = plan.events[event]?.date else { return .waiting(event: event) }
            raw = calendar.move(base, by: offset, forward: direction == .after)
        case .recurring(let recurrence):
            // Recurring tasks: their occurrences are scheduled one by one (`occurrences(of:dueFrom:through:)`); the
            // template itself is due on no single day, and every caller that needs one says what it does instead.
            return .recurring(recurrence)
        }
        switch task.effectiveShift {
        // `skip` drops an occurrence; `check` rejects it on a task that does not recur, whose day therefore stays.
        case .none, .skip: return .due(raw)
        case .earlier: return .due(calendar.workingDay(from: raw, movingForward: false))
        case .later: return .due(calendar.workingDay(from: raw, movingForward: true))
        }
    }
}

/// When a task is due: a fixed date, an offset from a named event, or a recurring rule.
///
/// The due day itself, with the shift rules of the Civil Code, is computed in `DueDay.swift`
/// (`ReminderPlanner.timing(of:in:)`, `DueRule.defaultShift`, `PlanTask.effectiveShift`); the days of a recurring
/// rule's occurrences in `Recurrence+Occurrences.swift`.
public enum DueRule: Hashable, Sendable {
    /// A fixed date.
    case absolute(LocalDate)
    /// The event's date moved by an offset; the event's own day is not counted.
    case relative(event: String, direction: Direction, offset: Offset)
    /// One occurrence per period (`{every: month, day: 20, from: 2027-01-01}`), each with its own due day. Boxed
    /// (`indirect`), so that the rule of every other task stays 40 bytes at national scale.
    indirect case recurring(Recurrence)

    /// Which way an offset moves from its event.
    public enum Direction: Hashable, Sendable {
        /// Before the event (`conference - 7d`).
        case before
        /// After the event (`conclusion + 15wd`), or on it with a zero offset.
        case after
    }

    /// The event this rule depends on, if any.
    public var event: String? {
        if case .relative(let event, _, _) = self { return event }
        return nil
    }

    /// The recurring rule, if the task recurs.
    public var recurrence: Recurrence? {
        if case .recurring(let recurrence) = self { return recurrence }
        return nil
    }
}

/// What to do with a due day that is not a working day.
public enum Shift: String, Hashable, Sendable, CaseIterable {
    /// Move to the previous working day.
    case earlier
    /// Move to the next working day.
    case later
    /// Keep the day as it is.
    case none
    /// Drop the occurrence of a recurring task whose nominal day is a day off (a meeting on Tết is not held); `check`
    /// rejects it on a task that does not recur. Last, so that the plan cache's numbers of the others stay.
    case skip
}

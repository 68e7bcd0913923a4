/// When a task is due: a fixed date, or an offset from a named event.
public enum DueRule: Hashable, Sendable {
    /// A fixed date.
    case absolute(LocalDate)
    /// The event's date moved by an offset; the event's own day is not counted.
    case relative(event: String, direction: Direction, offset: Offset)

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

    /// The shift applied when the user did not choose one: notice before an event must never
    /// shrink, a period after an event ends on the next working day (Civil Code art. 148(5)),
    /// and a task on the event's own day stays on it.
    public var defaultShift: Shift {
        switch self {
        case .absolute: return .later
        case .relative(_, .before, let offset): return offset.amount == 0 ? .none : .earlier
        case .relative(_, .after, let offset): return offset.amount == 0 ? .none : .later
        }
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
}

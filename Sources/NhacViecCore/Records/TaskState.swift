/// Where a task stands on a given day: the one definition that `nhacviec status` and the daemon's
/// `STATUS=` line share.
public enum TaskState: String, Sendable, Hashable, CaseIterable {
    /// Due on a later day.
    case pending
    /// Due today: not late yet, but the last day.
    case dueToday = "due-today"
    /// Its due day has passed and it is not done.
    case overdue
    /// Marked done.
    case done
    /// Its due day depends on an event still to be announced.
    case waiting
    /// An occurrence of a recurring task with `overdue: none` whose due day has passed: not chased, not late, gone
    /// from the digest (a weekly meeting that was not reported is over, not overdue).
    case lapsed

    /// The state of a task with this timing on `today`; done wins over everything else. A task that `lapses` (an
    /// occurrence with `overdue: none`) is lapsed after its due day rather than overdue.
    public init(timing: TaskTiming, isDone: Bool, today: LocalDate, lapses: Bool = false) {
        if isDone {
            self = .done
            return
        }
        switch timing {
        case .waiting: self = .waiting
        // A recurring task is never late as a whole: each occurrence's state is this one of its own due day (`.due`).
        case .recurring: self = .pending
        case .due(let day): self = day < today ? (lapses ? .lapsed : .overdue) : (day == today ? .dueToday : .pending)
        }
    }

    /// The four states `status` prints: a task due today is still pending.
    public var reported: TaskState { self == .dueToday ? .pending : self }
}

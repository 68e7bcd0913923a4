/// An occurrence of a recurring task with the day it is due after the task's shift.
public struct DueOccurrence: Hashable, Sendable {
    /// The occurrence.
    public let occurrence: Occurrence
    /// Its due day: the nominal day, moved off a day off by `shift: later` or `earlier`.
    public let dueDay: LocalDate

    /// Pairs an occurrence with its due day.
    public init(occurrence: Occurrence, dueDay: LocalDate) {
        self.occurrence = occurrence
        self.dueDay = dueDay
    }
}

/// Which day of a month (or of a week) a recurring task falls on: `day: 20`, `day: last-working-day`,
/// `weekday: monday, nth: 1`.
public enum RecurrenceDay: Hashable, Sendable {
    /// A day of the month, 1-31; in a shorter month its last day (`day: 31` in April is 30 April).
    case dayOfMonth(Int)
    /// The month's first working day, make-up Saturdays included.
    case firstWorkingDay
    /// The month's last working day, make-up Saturdays included.
    case lastWorkingDay
    /// An ISO weekday (1 Monday … 7 Sunday): in a week, that day; in a month, the `nth` one of them.
    case weekday(Int, nth: Ordinal?)

    /// Which of a month's weekdays of one name.
    public enum Ordinal: Hashable, Sendable {
        /// The first to the fifth (`nth: 1` … `nth: 5`); a month without a fifth one has no such day.
        case number(Int)
        /// The last one (`nth: last`).
        case last
    }

    /// The word a plan writes for each working-day form.
    public static let firstWorkingDayWord = "first-working-day", lastWorkingDayWord = "last-working-day"

    /// The day in a month, or nil when the month has none: no fifth Monday, no working day at all, or a weekday
    /// without `nth` (a month has several).
    public func day(inMonth month: Int, of year: Int, calendar: WorkingCalendar) -> LocalDate? {
        let length = LocalDate.daysIn(month: month, year: year)
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let last = first.adding(days: length - 1)
        if case .weekday(let weekday, _) = self, !(1...7).contains(weekday) { return nil }
        switch self {
        case .dayOfMonth(let day):
            return first.adding(days: min(max(day, 1), length) - 1)
        case .firstWorkingDay:
            let day = calendar.workingDay(from: first, movingForward: true)
            return day <= last ? day : nil
        case .lastWorkingDay:
            let day = calendar.workingDay(from: last, movingForward: false)
            return day >= first ? day : nil
        case .weekday(let weekday, .number(let nth)?):
            let day = first.adding(days: (weekday - first.isoWeekday + 7) % 7 + 7 * (nth - 1))
            return nth >= 1 && day <= last ? day : nil
        case .weekday(let weekday, .last?):
            return last.adding(days: -((last.isoWeekday - weekday + 7) % 7))
        case .weekday(_, nil):
            return nil
        }
    }

    /// The day in the week starting on `monday`, or nil for a form that names a day of a month.
    public func day(inWeekOf monday: LocalDate) -> LocalDate? {
        guard case .weekday(let weekday, nil) = self, (1...7).contains(weekday) else { return nil }
        return monday.adding(days: weekday - 1)
    }
}

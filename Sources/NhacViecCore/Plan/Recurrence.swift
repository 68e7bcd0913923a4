/// A recurring due rule (`due: {every: month, day: 20, from: 2027-01-01}`): one occurrence per period of its unit,
/// on a nominal day that `from` and `through` bound, before the task's shift moves it off a day off.
///
/// The rule stores no occurrences: `Recurrence+Occurrences.swift` computes any of them from its index on demand.
public struct Recurrence: Hashable, Sendable {
    /// Which period an occurrence is named by (and reports on), relative to the period its nominal day falls in.
    public enum Period: String, Hashable, Sendable, CaseIterable {
        /// The period the nominal day falls in: the March report is due in March.
        case current
        /// The period before it: `{every: month, day: 5, period: previous}` is due 05/04/2027 for March, `2027-03`.
        case previous
    }

    /// The last day a rule without `through` may fall on: the end of the working-day calendar's years.
    public static let defaultThrough = LocalDate(year: StatutoryHolidays.lastYear, month: 12, day: 31)!

    /// The period it repeats over.
    public var unit: RecurrenceUnit
    /// The day of the month (or week) it falls on.
    public var day: RecurrenceDay
    /// The month of each period the day falls in, from 1 (quarter 1-3, half-year 1-6, year 1-12); nil for a unit of a
    /// month or a week, which has only one.
    public var month: Int?
    /// Whether an occurrence is named by the period its nominal day falls in or by the one before.
    public var period: Period
    /// The first nominal day it may fall on, inclusive.
    public var from: LocalDate
    /// The last nominal day it may fall on, inclusive.
    public var through: LocalDate

    /// Creates a rule; without `through` it runs to the end of 2100.
    public init(unit: RecurrenceUnit, day: RecurrenceDay, month: Int? = nil, period: Period = .current,
                from: LocalDate, through: LocalDate? = nil) {
        self.unit = unit
        self.day = day
        self.month = month
        self.period = period
        self.from = from
        self.through = through ?? Self.defaultThrough
    }
}

/// Where a holiday's date comes from.
public enum HolidaySource: String, Sendable, Hashable, Codable {
    /// Announced by the government and entered in the main configuration file.
    case official
    /// Computed from the Labour Code's rules; may change when the year is announced.
    case provisional
}

/// A day that departs from the Monday-to-Friday rule: a weekday off, or a make-up working Saturday.
public struct Holiday: Sendable, Hashable {
    /// The day.
    public var date: LocalDate
    /// Its name in Vietnamese.
    public var name: String
    /// True for a day off, false for a make-up working day (ngày làm bù).
    public var off: Bool
    /// Whether it is announced or computed.
    public var source: HolidaySource

    /// Creates a holiday entry.
    public init(date: LocalDate, name: String, off: Bool, source: HolidaySource) {
        self.date = date
        self.name = name
        self.off = off
        self.source = source
    }
}

/// The government's announced schedule for one year, which replaces the computed one.
public struct OfficialYear: Sendable, Hashable {
    /// The Gregorian year.
    public var year: Int
    /// Days off, by date, with their names.
    public var daysOff: [LocalDate: String]
    /// Make-up working days (usually Saturdays), by date, with their names.
    public var workingDays: [LocalDate: String]

    /// Creates an official year.
    public init(year: Int, daysOff: [LocalDate: String], workingDays: [LocalDate: String] = [:]) {
        self.year = year
        self.daysOff = daysOff
        self.workingDays = workingDays
    }
}

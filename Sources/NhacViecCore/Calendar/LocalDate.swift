import Foundation

/// A civil date without a time or a zone, counted internally as a Julian Day Number.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The Julian Day Number of this date (days since 4713 BC, proleptic Gregorian).
    public let julianDay: Int

    /// Creates the date with the given Julian Day Number.
    public init(julianDay: Int) {
        self.julianDay = julianDay
    }

    /// Creates a date from its Gregorian year, month and day, or nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        julianDay = day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// Parses `YYYY-MM-DD`, or returns nil.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The Gregorian year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        let a = julianDay + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        let day = e - (153 * m + 2) / 5 + 1
        let month = m + 3 - 12 * (m / 10)
        let year = 100 * b + d - 4800 + m / 10
        return (year, month, day)
    }

    /// The Gregorian year.
    public var year: Int { components.year }

    /// The ISO weekday: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int { julianDay % 7 + 1 }

    /// Whether the date is a Saturday or a Sunday.
    public var isWeekend: Bool { isoWeekday >= 6 }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(julianDay: julianDay + days) }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return Self.pad(c.year, 4) + "-" + Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2)
    }

    /// `dd/mm/yyyy`, the Vietnamese way of writing a date.
    public var vietnamese: String {
        let c = components
        return Self.pad(c.day, 2) + "/" + Self.pad(c.month, 2) + "/" + Self.pad(c.year, 4)
    }

    /// Zero-padded decimal, without `String(format:)`'s cost.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.julianDay < rhs.julianDay }

    /// The number of days in a Gregorian month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

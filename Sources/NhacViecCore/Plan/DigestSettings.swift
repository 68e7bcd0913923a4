import Foundation

/// What a weekly digest does to the individual advance reminders of the departments on it.
public enum DigestAdvance: String, Sendable, Hashable, CaseIterable {
    /// Advance reminders still go out one by one, as well as the digest.
    case keep
    /// The departments on the digest get no individual advance reminders; the digest lists those tasks.
    case drop
}

/// A weekly digest (`digest: {weekday: monday, at: "07:30", advance: keep}`), set for a whole plan or
/// for one department.
public struct DigestSettings: Sendable, Hashable {
    /// The ISO weekday it goes out on: 1 is Monday, 7 is Sunday.
    public var weekday: Int
    /// The local time of day, in the plan's zone.
    public var at: TimeOfDay
    /// Whether the departments on it keep their individual advance reminders.
    public var advance: DigestAdvance

    /// Creates digest settings; the default is Monday at 07:30, advance reminders kept.
    public init(weekday: Int = 1, at: TimeOfDay = TimeOfDay(hour: 7, minute: 30)!, advance: DigestAdvance = .keep) {
        self.weekday = weekday
        self.at = at
        self.advance = advance
    }

    /// Weekday names as a plan writes them, Monday first.
    public static let weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
}

extension Department {
    /// Whether this department's individual advance reminders are dropped for its weekly digest.
    public var dropsAdvanceReminders: Bool { digest?.advance == .drop }
}

/// The ISO 8601 week a day belongs to (weeks start on Monday; week 1 holds the year's first Thursday).
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ISO week-numbering year.
    public var year: Int
    /// The week number, 1-53.
    public var week: Int

    /// The week of `day`.
    public init(_ day: LocalDate) {
        let thursday = day.adding(days: 4 - day.isoWeekday)
        year = thursday.year
        let january1 = LocalDate(year: year, month: 1, day: 1)!
        week = (thursday.julianDay - january1.julianDay) / 7 + 1
    }

    /// The Monday of the week of `day`.
    public static func monday(of day: LocalDate) -> LocalDate { day.adding(days: 1 - day.isoWeekday) }

    /// `YYYY-Www`, e.g. `2025-W50`.
    public var description: String { "\(year)-W" + (week < 10 ? "0" : "") + "\(week)" }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}

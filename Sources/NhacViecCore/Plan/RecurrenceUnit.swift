/// The period a recurring due rule repeats over (`every:`), and how its periods are counted and named.
///
/// Periods are numbered by an index from a fixed origin, consecutive periods having consecutive indices, so that a
/// scheduler can step from one occurrence to the next without storing any: a month is `year * 12 + month - 1`, a
/// quarter `year * 4 + quarter - 1`, a half-year `year * 2 + half - 1`, a year the year itself, and a week the Julian
/// Day Number of its Monday divided by 7 (a Monday's is a multiple of 7).
public enum RecurrenceUnit: String, Hashable, Sendable, CaseIterable {
    /// An ISO week, Monday to Sunday.
    case week
    /// A calendar month.
    case month
    /// A quarter: January-March, April-June, July-September, October-December.
    case quarter
    /// A half-year: January-June or July-December.
    case halfYear = "half-year"
    /// A calendar year.
    case year

    /// The months in one period; a week has none.
    public var months: Int {
        switch self {
        case .week: return 0
        case .month: return 1
        case .quarter: return 3
        case .halfYear: return 6
        case .year: return 12
        }
    }

    /// How often it recurs, in Vietnamese words: `định kỳ hằng tháng`.
    public var everyText: String {
        switch self {
        case .week: return "định kỳ hằng tuần"
        case .month: return "định kỳ hằng tháng"
        case .quarter: return "định kỳ hằng quý"
        case .halfYear: return "định kỳ 6 tháng một lần"
        case .year: return "định kỳ hằng năm"
        }
    }

    /// The shortest period in days (a February, the first quarter or half of a common year), against which the span of
    /// a task's reminders is measured.
    public var shortestDays: Int {
        switch self {
        case .week: return 7
        case .month: return 28
        case .quarter: return 90
        case .halfYear: return 181
        case .year: return 365
        }
    }

    /// The index of the period that contains a day.
    public func periodIndex(containing day: LocalDate) -> Int {
        switch self {
        case .week:
            // Julian Day Numbers of supported dates are positive, so the division floors.
            return day.julianDay / 7
        case .month, .quarter, .halfYear, .year:
            let c = day.components
            return (c.year * 12 + c.month - 1) / months
        }
    }

    /// The first day of period `index`: its Monday, or the first of its first month.
    public func firstDay(ofPeriod index: Int) -> LocalDate {
        switch self {
        case .week: return LocalDate(julianDay: index * 7)
        case .month, .quarter, .halfYear, .year: return Self.firstOfMonth(index * months)
        }
    }

    /// The year and month of the month `offset` (from 0) of period `index`; only for units counted in months.
    func month(_ offset: Int, ofPeriod index: Int) -> (year: Int, month: Int) {
        let months = index * self.months + offset
        return (months / 12, months % 12 + 1)
    }

    /// The period's name, as occurrences are keyed: `2027-03`, `2027-Q1`, `2027-H1`, `2027`, `2027-W12` (ISO week).
    public func name(ofPeriod index: Int) -> String {
        switch self {
        case .week:
            return ISOWeek(firstDay(ofPeriod: index)).description
        case .month:
            return "\(index / 12)-" + LocalDate.pad(index % 12 + 1, 2)
        case .quarter:
            return "\(index / 4)-Q\(index % 4 + 1)"
        case .halfYear:
            return "\(index / 2)-H\(index % 2 + 1)"
        case .year:
            return "\(index)"
        }
    }

    /// The period in Vietnamese words, as a mail names it: `tháng 3/2027`, `quý I/2027`, `6 tháng đầu năm 2027`,
    /// `6 tháng cuối năm 2027`, `năm 2027`, `tuần 12/2027`.
    public func text(ofPeriod index: Int) -> String {
        switch self {
        case .week:
            let week = ISOWeek(firstDay(ofPeriod: index))
            return "tuần \(week.week)/\(week.year)"
        case .month:
            return "tháng \(index % 12 + 1)/\(index / 12)"
        case .quarter:
            return "quý \(["I", "II", "III", "IV"][index % 4])/\(index / 4)"
        case .halfYear:
            return "6 tháng \(index % 2 == 0 ? "đầu" : "cuối") năm \(index / 2)"
        case .year:
            return "năm \(index)"
        }
    }

    /// The index of the period a name written by `name(ofPeriod:)` stands for, or nil when it names none of this unit.
    public func periodIndex(named name: String) -> Int? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 4, let year = Self.number(bytes[0..<4]),
              (StatutoryHolidays.firstYear - 1...StatutoryHolidays.lastYear + 1).contains(year) else { return nil }
        switch self {
        case .year:
            return bytes.count == 4 ? year : nil
        case .month:
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), let month = Self.number(bytes[5..<7]),
                  (1...12).contains(month) else { return nil }
            return year * 12 + month - 1
        case .quarter, .halfYear:
            let letter = UInt8(ascii: self == .quarter ? "Q" : "H"), count = self == .quarter ? 4 : 2
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == letter,
                  let part = Self.number(bytes[6..<7]), (1...count).contains(part) else { return nil }
            return year * count + part - 1
        case .week:
            guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
                  let week = Self.number(bytes[6..<8]), (1...53).contains(week) else { return nil }
            // ISO week 1 holds 4 January; a week 53 the year does not have is no week of it.
            let monday = ISOWeek.monday(of: LocalDate(year: year, month: 1, day: 4)!).adding(days: (week - 1) * 7)
            let found = ISOWeek(monday)
            return found.year == year && found.week == week ? periodIndex(containing: monday) : nil
        }
    }

    /// The first of the month counted `months` months from January of year 0.
    private static func firstOfMonth(_ months: Int) -> LocalDate {
        LocalDate(year: months / 12, month: months % 12 + 1, day: 1)!
    }

    /// The decimal value of ASCII digits, or nil when any byte is not one.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

/// Which days are working days: Monday to Friday, less holidays, plus make-up working days.
///
/// Years with an official schedule use it alone; other years use the computed, provisional one.
public struct WorkingCalendar: Sendable {
    private let exceptions: [Int: Holiday]
    private let officialYears: Set<Int>
    /// Whether each day from `tableStart` on is a working day: planning millions of tasks asks this tens of
    /// millions of times, and a table answers faster than the exceptions' dictionary.
    private let workingTable: [Bool]
    private let tableStart: Int

    /// Builds the calendar from the announced years; every other supported year is computed.
    public init(official: [OfficialYear] = []) {
        var exceptions: [Int: Holiday] = [:]
        let officialByYear = Dictionary(official.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        for year in StatutoryHolidays.firstYear...StatutoryHolidays.lastYear where officialByYear[year] == nil {
            for holiday in StatutoryHolidays.provisional(year: year) { exceptions[holiday.date.julianDay] = holiday }
        }
        for year in officialByYear.values {
            for (date, name) in year.daysOff {
                exceptions[date.julianDay] = Holiday(date: date, name: name, off: true, source: .official)
            }
            for (date, name) in year.workingDays {
                exceptions[date.julianDay] = Holiday(date: date, name: name, off: false, source: .official)
            }
        }
        self.exceptions = exceptions
        self.officialYears = Set(officialByYear.keys)
        let first = LocalDate(year: StatutoryHolidays.firstYear - 1, month: 1, day: 1)!
        let last = LocalDate(year: StatutoryHolidays.lastYear + 1, month: 12, day: 31)!
        // Days outside the table (none a valid plan can name) are answered from the dictionary.
        self.tableStart = first.julianDay
        self.workingTable = (first.julianDay...last.julianDay).map { day in
            exceptions[day].map { !$0.off } ?? !LocalDate(julianDay: day).isWeekend
        }
    }

    /// Whether the government's schedule for the year is known.
    public func isOfficial(year: Int) -> Bool { officialYears.contains(year) }

    /// Whether the day is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        let index = date.julianDay - tableStart
        if index >= 0 && index < workingTable.count { return workingTable[index] }
        if let exception = exceptions[date.julianDay] { return !exception.off }
        return !date.isWeekend
    }

    /// The holiday or make-up working day on a date, if any.
    public func exception(on date: LocalDate) -> Holiday? { exceptions[date.julianDay] }

    /// Every holiday and make-up working day of a year, in date order.
    public func exceptions(year: Int) -> [Holiday] {
        let first = LocalDate(year: year, month: 1, day: 1)!.julianDay
        let last = LocalDate(year: year, month: 12, day: 31)!.julianDay
        return (first...last).compactMap { exceptions[$0] }
    }

    /// The provisional days off between two dates, both included, in date order.
    public func provisionalDaysOff(from start: LocalDate, through end: LocalDate) -> [Holiday] {
        let (low, high) = start <= end ? (start, end) : (end, start)
        return (low.julianDay...high.julianDay).compactMap { day in
            guard let holiday = exceptions[day], holiday.off, holiday.source == .provisional else { return nil }
            return holiday
        }
    }

    /// The date itself when it is a working day, otherwise the nearest working day in the direction.
    public func workingDay(from date: LocalDate, movingForward: Bool) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: movingForward ? 1 : -1) }
        return day
    }

    /// Counts `count` working days forward (or backward) from a date, not counting the date itself.
    public func adding(workingDays count: Int, to date: LocalDate, forward: Bool = true) -> LocalDate {
        var day = date
        var remaining = count
        if remaining == 0 { return date }
        while remaining > 0 {
            day = day.adding(days: forward ? 1 : -1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// Moves a date by an offset in either direction, counting calendar or working days.
    public func move(_ date: LocalDate, by offset: Offset, forward: Bool) -> LocalDate {
        switch offset.unit {
        case .days: return date.adding(days: forward ? offset.amount : -offset.amount)
        case .workingDays: return adding(workingDays: offset.amount, to: date, forward: forward)
        }
    }

    /// The working days strictly after `start` up to and including `end` (negative when end is earlier).
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        if start == end { return 0 }
        let forward = end > start
        var count = 0
        var day = start
        while day != end {
            day = day.adding(days: forward ? 1 : -1)
            if isWorkingDay(day) { count += 1 }
        }
        return forward ? count : -count
    }
}

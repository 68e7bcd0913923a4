import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The due days of every recurrence form over 1968-2100, against an independent computation: Python's
/// `dateutil.rrule` generates the nominal days, and a few lines of Python apply `from`, `through`, the working-day
/// forms and each shift to the days that `nhacviec holidays` lists (weekdays off and make-up working days, read from
/// the same calendar, as that command prints them). Only the list of days off is shared.
struct RecurrencePropertyTests {
    /// Changing it draws other rules; a failure names it.
    static let seed: UInt64 = 20_270_101

    /// Generates the nominal days with rrule and prints, per rule, `NAME NOMINAL LATER EARLIER SKIP` per occurrence.
    static let script = #"""
        import datetime, json, sys
        from dateutil.rrule import rrule, MONTHLY, WEEKLY, weekday

        data = json.load(open(sys.argv[1]))
        off, work = set(), set()
        for iso, is_off in data["holidays"]:
            (off if is_off else work).add(datetime.date.fromisoformat(iso))

        def working(d):
            return d in work or (d.weekday() < 5 and d not in off)

        def move(d, step):
            while not working(d):
                d += datetime.timedelta(days=step)
            return d

        def name(unit, d, previous):
            if unit == "week":
                year, week, _ = (d - datetime.timedelta(days=7) if previous else d).isocalendar()
                return "%d-W%02d" % (year, week)
            months = d.year * 12 + d.month - 1 - ({"month": 1, "quarter": 3, "half-year": 6, "year": 12}[unit]
                                                  if previous else 0)
            year, month = divmod(months, 12)
            if unit == "month":
                return "%d-%02d" % (year, month + 1)
            if unit == "quarter":
                return "%d-Q%d" % (year, month // 3 + 1)
            if unit == "half-year":
                return "%d-H%d" % (year, month // 6 + 1)
            return "%d" % year

        for rule in data["rules"]:
            unit, kind = rule["unit"], rule["kind"]
            low, high = datetime.date.fromisoformat(rule["from"]), datetime.date.fromisoformat(rule["through"])
            # A working-day form moves a month's first or last day by a few days: generate a month beyond each bound.
            start = datetime.datetime.combine(low - datetime.timedelta(days=40), datetime.time())
            end = datetime.datetime.combine(high + datetime.timedelta(days=40), datetime.time())
            if unit == "week":
                days = rrule(WEEKLY, byweekday=rule["weekday"] - 1, dtstart=start, until=end)
            else:
                step = {"month": 1, "quarter": 3, "half-year": 6, "year": 12}[unit]
                options = {}
                if step > 1:
                    options["bymonth"] = list(range(rule["month"], 13, step))
                if kind == "day":
                    # dateutil skips a month without the day; with the month's last day (-1) beside it, the first of
                    # the two is the day itself or, in a shorter month, its last day.
                    if rule["day"] <= 28:
                        options["bymonthday"] = rule["day"]
                    else:
                        options["bymonthday"], options["bysetpos"] = (rule["day"], -1), 1
                elif kind == "first":
                    options["bymonthday"] = 1
                elif kind == "last":
                    options["bymonthday"] = -1
                else:
                    options["byweekday"] = weekday(rule["weekday"] - 1, -1 if rule["nth"] == 0 else rule["nth"])
                days = rrule(MONTHLY, dtstart=start, until=end, **options)
            out = []
            for moment in days:
                d = moment.date()
                if kind == "first":
                    d = move(d, 1)
                elif kind == "last":
                    d = move(d, -1)
                if low <= d <= high:
                    out.append("%s %s %s %s %s" % (name(unit, d, rule["previous"]), d, move(d, 1), move(d, -1),
                                                   d if working(d) else "-"))
            print(";".join(out))
        """#

    /// Every form: each unit with each kind of day (the 1st, 15th, 28th-31st and a random one, the first and last
    /// working day, each nth weekday and the last), a random month of the period and both periods, over the whole
    /// range; then each again between random bounds.
    static func rules(_ generator: inout SeededGenerator) -> [Recurrence] {
        func random(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        var rules: [Recurrence] = []
        let first = LocalDate(year: 1968, month: 1, day: 1)!
        for unit in RecurrenceUnit.allCases {
            var days: [RecurrenceDay]
            if unit == .week {
                days = (1...7).map { .weekday($0, nth: nil) }
            } else {
                days = [1, 15, 28, 29, 30, 31, random(2...27)].map(RecurrenceDay.dayOfMonth)
                days += [.firstWorkingDay, .lastWorkingDay]
                days += (1...5).map { .weekday(random(1...7), nth: .number($0)) }
                days.append(.weekday(random(1...7), nth: .last))
            }
            for (index, day) in days.enumerated() {
                let month = unit.months > 1 ? random(1...unit.months) : nil
                let period: Recurrence.Period = index % 2 == 0 ? .current : .previous
                rules.append(Recurrence(unit: unit, day: day, month: month, period: period, from: first))
            }
        }
        let span = Recurrence.defaultThrough.julianDay - first.julianDay
        return rules + rules.map { rule in
            var bounded = rule
            bounded.from = first.adding(days: random(0...span - 400))
            let room = Recurrence.defaultThrough.julianDay - bounded.from.julianDay
            bounded.through = bounded.from.adding(days: random(0...min(4000, room)))
            return bounded
        }
    }

    /// The office's calendar (official 2025 and 2026, with their swapped days off and make-up Saturdays, every other
    /// year computed), with three invented years, 2031-2033, at the months' edges: every Saturday among a month's
    /// first three and last four days is a make-up working day, and in odd months the first and last day, when a
    /// weekday, is off. No real year puts a make-up Saturday where the working-day forms and shifts would meet it.
    static let calendar: WorkingCalendar = {
        let invented = (2031...2033).map { year -> OfficialYear in
            var off = Dictionary(StatutoryHolidays.provisional(year: year).map { ($0.date, $0.name) },
                                 uniquingKeysWith: { first, _ in first })
            var work: [LocalDate: String] = [:]
            for month in 1...12 {
                let length = LocalDate.daysIn(month: month, year: year)
                for day in [1, 2, 3, length - 3, length - 2, length - 1, length] {
                    let date = LocalDate(year: year, month: month, day: day)!
                    if date.isoWeekday == 6 { work[date] = "Làm bù (thử)" }
                    if month % 2 == 1, day == 1 || day == length, !date.isWeekend { off[date] = "Nghỉ (thử)" }
                }
            }
            return OfficialYear(year: year, daysOff: off, workingDays: work)
        }
        return WorkingCalendar(official: [Fixtures.official2025, Fixtures.official2026] + invented)
    }()

    @Test("every recurrence form's due days over 1968-2100 match dateutil.rrule on the days nhacviec holidays lists")
    func dueDaysMatchDateutil() throws {
        let calendar = Self.calendar
        var generator = SeededGenerator(seed: Self.seed)
        let rules = Self.rules(&generator)
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("nhacviec-rrule-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: input) }
        try JSONSerialization.data(withJSONObject: ["holidays": Self.holidays(calendar), "rules": rules.map(Self.json)])
            .write(to: input)
        let lines = try PythonScript.run(Self.script, arguments: [input.path])
            .split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= rules.count, "python printed \(lines.count) lines for \(rules.count) rules")
        for (rule, line) in zip(rules, lines) {
            let expected = line.isEmpty ? [] : line.split(separator: ";").map(String.init)
            let actual = Self.walk(rule, calendar: calendar)
            if actual != expected {
                let first = zip(actual, expected).first { $0 != $1 }
                Issue.record("""
                    seed \(Self.seed): \(rule)
                    \(actual.count) occurrences against dateutil's \(expected.count); first difference: \
                    \(first.map { "\($0) ≠ \($1)" } ?? "one list is longer")
                    """)
                continue
            }
            Self.checkWindows(rule, expected: expected, calendar: calendar, generator: &generator)
        }
    }

    /// Each occurrence from the first by `occurrence(after:)`, as the script prints it; its name must find it again.
    static func walk(_ rule: Recurrence, calendar: WorkingCalendar) -> [String] {
        var lines: [String] = []
        var next = rule.firstOccurrence(calendar: calendar)
        while let occurrence = next {
            let later = rule.dueDay(of: occurrence, shift: .later, calendar: calendar)!
            let earlier = rule.dueDay(of: occurrence, shift: .earlier, calendar: calendar)!
            let skip = rule.dueDay(of: occurrence, shift: .skip, calendar: calendar)
            lines.append("\(occurrence.period) \(occurrence.nominal.iso) \(later.iso) \(earlier.iso) "
                         + (skip?.iso ?? "-"))
            if rule.occurrence(named: occurrence.period, calendar: calendar) != occurrence {
                lines.append("name \(occurrence.period) does not find \(occurrence.nominal.iso)")
            }
            next = rule.occurrence(after: occurrence, calendar: calendar)
        }
        return lines
    }

    /// Random windows of due days, under each shift, hold exactly the occurrences the script says are due in them.
    static func checkWindows(_ rule: Recurrence, expected: [String], calendar: WorkingCalendar,
                             generator: inout SeededGenerator) {
        // Each line's name, then its nominal, later, earlier and skip days as Julian Day Numbers (nil: skipped).
        let entries = expected.map { line -> (name: Substring, days: [Int?]) in
            let parts = line.split(separator: " ")
            return (parts[0], parts.dropFirst().map { LocalDate(iso: String($0))?.julianDay })
        }
        let low = rule.from.adding(days: -20).julianDay, high = rule.through.adding(days: 20).julianDay
        for (column, shift) in [(0, Shift.none), (1, .later), (2, .earlier), (3, .skip)] {
            for _ in 0..<3 {
                let start = LocalDate(julianDay: Int.random(in: low...high, using: &generator))
                let end = start.adding(days: Int.random(in: 0...120, using: &generator))
                let want = entries.compactMap { entry -> String? in
                    guard let day = entry.days[column], day >= start.julianDay, day <= end.julianDay else { return nil }
                    return "\(entry.name) \(LocalDate(julianDay: day).iso)"
                }
                let got = rule.occurrences(dueFrom: start, through: end, shift: shift, calendar: calendar)
                    .map { "\($0.occurrence.period) \($0.dueDay.iso)" }
                #expect(got == want, "seed \(seed): \(rule), shift \(shift), due \(start)...\(end)")
            }
        }
    }

    /// The weekdays off and make-up working days of 1968-2100, as `nhacviec holidays` prints them.
    static func holidays(_ calendar: WorkingCalendar) -> [[Any]] {
        (StatutoryHolidays.firstYear...StatutoryHolidays.lastYear).flatMap { year in
            calendar.exceptions(year: year).filter { !$0.off || !$0.date.isWeekend }
                .map { [$0.date.iso, $0.off] as [Any] }
        }
    }

    /// A rule as the script reads it.
    static func json(_ rule: Recurrence) -> [String: Any] {
        var object: [String: Any] = ["unit": rule.unit.rawValue, "month": rule.month ?? 1, "from": rule.from.iso,
                                     "through": rule.through.iso, "previous": rule.period == .previous]
        switch rule.day {
        case .dayOfMonth(let day):
            object["kind"] = "day"
            object["day"] = day
        case .firstWorkingDay: object["kind"] = "first"
        case .lastWorkingDay: object["kind"] = "last"
        case .weekday(let weekday, let nth):
            object["kind"] = "weekday"
            object["weekday"] = weekday
            switch nth {
            case .number(let number)?: object["nth"] = number
            case .last?, nil: object["nth"] = 0
            }
        }
        return object
    }
}

import NhacViecCore
import Testing
import TestSupport

/// Recurring due rules: the examples of issue 20 on the office's calendar (official 2025 and 2026, computed after),
/// with Tết, swapped days off and make-up Saturdays; occurrence names; bounds; and the window a scheduler asks for.
struct RecurrenceTests {
    static let calendar = officialCalendar

    static func date(_ text: String) -> LocalDate { Fixtures.date(text) }

    static func rule(_ unit: RecurrenceUnit, _ day: RecurrenceDay, month: Int? = nil,
                     period: Recurrence.Period = .current, from: String = "2027-01-01",
                     through: String? = nil) -> Recurrence {
        Recurrence(unit: unit, day: day, month: month, period: period, from: date(from), through: through.map(date))
    }

    /// `NAME DUE` for each occurrence due in the window under the shift (skipped ones left out).
    static func due(_ rule: Recurrence, shift: Shift = .later, from: String = "2027-01-01",
                    through: String = "2028-12-31", calendar: WorkingCalendar = calendar) -> [String] {
        rule.occurrences(dueFrom: date(from), through: date(through), shift: shift, calendar: calendar)
            .map { "\($0.occurrence.period) \($0.dueDay.iso)" }
    }

    /// `NOMINAL→DUE` for the occurrences whose due day is not their nominal day.
    static func moved(_ rule: Recurrence, shift: Shift = .later, through: String = "2028-12-31") -> [String] {
        rule.occurrences(nominalFrom: rule.from, through: date(through), calendar: calendar).compactMap { occurrence in
            let due = rule.dueDay(of: occurrence, shift: shift, calendar: calendar)
            return due == occurrence.nominal ? nil : "\(occurrence.nominal.iso)→\(due?.iso ?? "skipped")"
        }
    }

    @Test("bao-cao-thang, the 20th of each month: a Saturday or Sunday moves to the Monday after")
    func monthlyReport() {
        let rule = Self.rule(.month, .dayOfMonth(20))
        #expect(Self.due(rule, through: "2027-04-30")
                == ["2027-01 2027-01-20", "2027-02 2027-02-22", "2027-03 2027-03-22", "2027-04 2027-04-20"])
        #expect(Self.moved(rule) == ["2027-02-20→2027-02-22", "2027-03-20→2027-03-22", "2027-06-20→2027-06-21",
                                     "2027-11-20→2027-11-22", "2028-02-20→2028-02-21", "2028-05-20→2028-05-22",
                                     "2028-08-20→2028-08-21"])
        #expect(Self.due(rule).count == 24)
    }

    @Test("bao-cao-quy, bao-cao-6-thang and tong-ket-nam fall in the quarter's, half-year's and year's chosen month")
    func quarterHalfYearAndYear() {
        #expect(Self.due(Self.rule(.quarter, .dayOfMonth(15), month: 3), through: "2027-12-31")
                == ["2027-Q1 2027-03-15", "2027-Q2 2027-06-15", "2027-Q3 2027-09-15", "2027-Q4 2027-12-15"])
        #expect(Self.due(Self.rule(.halfYear, .dayOfMonth(15), month: 6))
                == ["2027-H1 2027-06-15", "2027-H2 2027-12-15", "2028-H1 2028-06-15", "2028-H2 2028-12-15"])
        #expect(Self.due(Self.rule(.year, .dayOfMonth(15), month: 12)) == ["2027 2027-12-15", "2028 2028-12-15"])
        // 15/03/2026 is a Sunday: the quarterly report of 2026-Q1 is due Monday 16/03.
        #expect(Self.due(Self.rule(.quarter, .dayOfMonth(15), month: 3, from: "2026-01-01"), from: "2026-01-01",
                         through: "2026-06-30") == ["2026-Q1 2026-03-16", "2026-Q2 2026-06-15"])
    }

    @Test("so-lieu-thang-truoc is named by its month and due the 5th of the next; Tết moves 05/02/2027 to 12/02")
    func previousPeriod() {
        let rule = Self.rule(.month, .dayOfMonth(5), period: .previous)
        // The first nominal day on or after `from` is 05/01/2027, which reports on December 2026.
        #expect(rule.firstOccurrence(calendar: Self.calendar)?.period == "2026-12")
        #expect(Self.due(rule, through: "2027-04-30")
                == ["2026-12 2027-01-05", "2027-01 2027-02-12", "2027-02 2027-03-05", "2027-03 2027-04-05"])
        let march = rule.occurrence(named: "2027-03", calendar: Self.calendar)
        #expect(march?.nominal == Self.date("2027-04-05"))
        #expect(march?.periodText == "tháng 3/2027")
        #expect(rule.occurrence(forPeriodContaining: Self.date("2027-03-17"), calendar: Self.calendar) == march)
    }

    @Test("giao-ban, each Monday with shift: skip: no meeting on a Tết Monday or a swapped day off, none after through")
    func weeklyMeetingSkipsDaysOff() {
        let rule = Self.rule(.week, .weekday(1, nth: nil), from: "2027-01-04", through: "2028-12-31")
        #expect(Self.moved(rule, shift: .skip) == ["2027-02-08→skipped", "2027-05-03→skipped", "2028-01-03→skipped",
                                                   "2028-01-31→skipped", "2028-05-01→skipped", "2028-09-04→skipped"])
        #expect(Self.due(rule, shift: .skip, from: "2027-02-01", through: "2027-02-21")
                == ["2027-W05 2027-02-01", "2027-W07 2027-02-15"])
        #expect(rule.firstOccurrence(calendar: Self.calendar)?.period == "2027-W01")
        #expect(rule.lastOccurrence(calendar: Self.calendar).map { "\($0.period) \($0.nominal.iso)" }
                == "2028-W52 2028-12-25")
        #expect(Self.due(rule, shift: .skip, from: "2029-01-01", through: "2029-12-31").isEmpty)
        // Without skip, the default moves the Tết Monday to the first working day after: Friday 12/02/2027.
        #expect(Self.due(rule, from: "2027-02-08", through: "2027-02-12") == ["2027-W06 2027-02-12"])
    }

    @Test("cuoi-thang counts working days: 30/04/2027 is off; Tết 2028 and a swapped Monday end January on the 24th")
    func lastWorkingDay() {
        let days = Self.due(Self.rule(.month, .lastWorkingDay)).map { String($0.suffix(10)) }
        #expect(days == ["2027-01-29", "2027-02-26", "2027-03-31", "2027-04-29", "2027-05-31", "2027-06-30",
                         "2027-07-30", "2027-08-31", "2027-09-30", "2027-10-29", "2027-11-30", "2027-12-31",
                         "2028-01-24", "2028-02-29", "2028-03-31", "2028-04-28", "2028-05-31", "2028-06-30",
                         "2028-07-31", "2028-08-31", "2028-09-29", "2028-10-31", "2028-11-30", "2028-12-29"])
        // 31/08/2026 is the official swapped day off before Quốc khánh.
        #expect(Self.due(Self.rule(.month, .lastWorkingDay, from: "2026-08-01"), from: "2026-08-01",
                         through: "2026-08-31") == ["2026-08 2026-08-28"])
        // 01/01 and 02/01/2026 are off: January 2026 starts working on Monday 05/01.
        #expect(Self.due(Self.rule(.month, .firstWorkingDay, from: "2026-01-01"), from: "2026-01-01",
                         through: "2026-02-28") == ["2026-01 2026-01-05", "2026-02 2026-02-02"])
    }

    @Test("hop-dau-thang, the first Monday: a Monday off moves to the next working day, over two days off in May 2028")
    func firstMondayOfTheMonth() {
        let rule = Self.rule(.month, .weekday(1, nth: .number(1)))
        #expect(Self.moved(rule) == ["2027-05-03→2027-05-04", "2028-01-03→2028-01-04", "2028-05-01→2028-05-03",
                                     "2028-09-04→2028-09-06"])
        #expect(Self.due(rule, through: "2027-03-31")
                == ["2027-01 2027-01-04", "2027-02 2027-02-01", "2027-03 2027-03-01"])
    }

    @Test("a make-up Saturday is a working day: a Saturday meeting with shift: skip is held on it and on no other")
    func makeUpSaturdays() {
        let saturdays = Self.rule(.week, .weekday(6, nth: nil), from: "2025-01-01", through: "2026-12-31")
        #expect(Self.due(saturdays, shift: .skip, from: "2025-01-01", through: "2026-12-31")
                == ["2025-W17 2025-04-26", "2026-W02 2026-01-10", "2026-W34 2026-08-22"])
        // The 4th Saturday of August 2026 is the make-up day, due on it under every shift.
        let fourthSaturday = Self.rule(.month, .weekday(6, nth: .number(4)), from: "2026-07-01")
        for shift in Shift.allCases {
            #expect(Self.due(fourthSaturday, shift: shift, from: "2026-07-01", through: "2026-08-31").last
                    == "2026-08 2026-08-22", "shift \(shift)")
        }
        #expect(Self.due(fourthSaturday, shift: .earlier, from: "2026-07-01", through: "2026-07-31")
                == ["2026-07 2026-07-24"])
    }

    @Test("last-working-day and first-working-day count a make-up Saturday that ends or starts a month")
    func workingDayFormsCountMakeUpSaturdays() {
        // A hypothetical 2027 and 2028 schedule: the computed days off, with a make-up Saturday on 31/07/2027 and
        // 01/04/2028 (both Saturdays).
        let years = [(2027, "2027-07-31"), (2028, "2028-04-01")].map { year, saturday in
            OfficialYear(year: year, daysOff: Dictionary(uniqueKeysWithValues: StatutoryHolidays.provisional(year: year)
                             .map { ($0.date, $0.name) }),
                         workingDays: [Self.date(saturday): "Làm bù"])
        }
        let calendar = WorkingCalendar(official: years)
        #expect(Self.due(Self.rule(.month, .lastWorkingDay), from: "2027-07-01", through: "2027-08-31",
                         calendar: calendar) == ["2027-07 2027-07-31", "2027-08 2027-08-31"])
        #expect(Self.due(Self.rule(.month, .firstWorkingDay), from: "2028-03-01", through: "2028-04-30",
                         calendar: calendar) == ["2028-03 2028-03-01", "2028-04 2028-04-01"])
        // On the calendar without that make-up day, July 2027 ends on Friday 30/07.
        #expect(Self.due(Self.rule(.month, .lastWorkingDay), from: "2027-07-01", through: "2027-07-31")
                == ["2027-07 2027-07-30"])
    }

    @Test("day 29-31 in a shorter month is its last day; a fifth Monday exists only in some months; nth: last")
    func clampingAndOrdinals() {
        #expect(Self.due(Self.rule(.month, .dayOfMonth(31)), shift: .none, through: "2027-04-30")
                == ["2027-01 2027-01-31", "2027-02 2027-02-28", "2027-03 2027-03-31", "2027-04 2027-04-30"])
        #expect(Self.due(Self.rule(.year, .dayOfMonth(30), month: 2), shift: .none)
                == ["2027 2027-02-28", "2028 2028-02-29"])
        let fifthMonday = Self.rule(.month, .weekday(1, nth: .number(5)))
        #expect(Self.due(fifthMonday, shift: .none, through: "2027-12-31")
                == ["2027-03 2027-03-29", "2027-05 2027-05-31", "2027-08 2027-08-30", "2027-11 2027-11-29"])
        #expect(fifthMonday.occurrence(named: "2027-04", calendar: Self.calendar) == nil)
        #expect(Self.due(Self.rule(.quarter, .weekday(5, nth: .last), month: 3), shift: .none, through: "2027-12-31")
                == ["2027-Q1 2027-03-26", "2027-Q2 2027-06-25", "2027-Q3 2027-09-24", "2027-Q4 2027-12-31"])
    }

    @Test("from and through bound the nominal day, both included, before any shift")
    func boundsAreNominal() {
        let rule = Self.rule(.month, .dayOfMonth(20), from: "2027-01-20", through: "2027-03-20")
        #expect(Self.due(rule) == ["2027-01 2027-01-20", "2027-02 2027-02-22", "2027-03 2027-03-22"])
        let later = Self.rule(.month, .dayOfMonth(20), from: "2027-01-21", through: "2027-03-19")
        #expect(Self.due(later) == ["2027-02 2027-02-22"])
        #expect(Self.rule(.month, .dayOfMonth(20)).through == Self.date("2100-12-31"))
        #expect(Self.rule(.month, .dayOfMonth(20)).lastOccurrence(calendar: Self.calendar)?.period == "2100-12")
        #expect(Self.rule(.month, .dayOfMonth(5), from: "2027-01-06", through: "2027-02-04")
                    .firstOccurrence(calendar: Self.calendar) == nil)
    }

    @Test("a window of due days includes occurrences a shift carries into it from either side, and no others")
    func windowsFollowTheShift() {
        let monthly = Self.rule(.month, .dayOfMonth(20))
        // 20/03/2027 is a Saturday: nominally before the window, due on Monday 22/03, inside it.
        #expect(Self.due(monthly, from: "2027-03-21", through: "2027-04-19") == ["2027-03 2027-03-22"])
        #expect(Self.due(monthly, from: "2027-03-21", through: "2027-03-21").isEmpty)
        // Under `earlier` the same occurrence is due Friday 19/03, so a window ending that day holds it.
        #expect(Self.due(monthly, shift: .earlier, from: "2027-03-19", through: "2027-03-19") == ["2027-03 2027-03-19"])
        #expect(Self.due(monthly, shift: .earlier, from: "2027-03-20", through: "2027-03-22").isEmpty)
        // Two occurrences may share a due day: Monday of the Tết week moved to the next week's Monday.
        let weekly = Self.rule(.week, .weekday(1, nth: nil), from: "2026-01-05")
        #expect(Self.due(weekly, from: "2026-02-16", through: "2026-02-23")
                == ["2026-W08 2026-02-23", "2026-W09 2026-02-23"])
    }

    @Test("occurrences are named 2027-03, 2027-Q1, 2027-H1, 2027 and 2027-W12, and a name finds its occurrence again")
    func names() {
        let day = Self.date("2027-03-24")
        let expected: [(RecurrenceUnit, String, String)] = [
            (.month, "2027-03", "tháng 3/2027"), (.quarter, "2027-Q1", "quý I/2027"),
            (.halfYear, "2027-H1", "6 tháng đầu năm 2027"), (.year, "2027", "năm 2027"),
            (.week, "2027-W12", "tuần 12/2027"),
        ]
        for (unit, name, words) in expected {
            let index = unit.periodIndex(containing: day)
            #expect(unit.name(ofPeriod: index) == name)
            #expect(unit.text(ofPeriod: index) == words)
            #expect(unit.periodIndex(named: name) == index)
            #expect(unit.periodIndex(containing: unit.firstDay(ofPeriod: index)) == index)
            let lastDay = unit.firstDay(ofPeriod: index + 1).adding(days: -1)
            #expect(unit.periodIndex(containing: lastDay) == index, "\(unit)")
        }
        func words(_ unit: RecurrenceUnit, _ day: String) -> String {
            unit.text(ofPeriod: unit.periodIndex(containing: Self.date(day)))
        }
        #expect(words(.quarter, "2027-11-01") == "quý IV/2027")
        #expect(words(.halfYear, "2027-07-01") == "6 tháng cuối năm 2027")
        // ISO weeks: 01/01/2027 (a Friday) is in the last week of 2026, which has 53; 2027 has 52.
        #expect(RecurrenceUnit.week.name(ofPeriod: RecurrenceUnit.week.periodIndex(containing: Self.date("2027-01-01")))
                == "2026-W53")
        #expect(RecurrenceUnit.week.name(ofPeriod: RecurrenceUnit.week.periodIndex(containing: Self.date("2027-02-01")))
                == "2027-W05")
        #expect(RecurrenceUnit.week.periodIndex(named: "2026-W53") != nil)
        for bad in ["2027-W53", "2027-W00", "2027-W5", "2027-13", "2027-00", "27-03", "2027-Q5", "2027-H3", "2027-",
                    "abcd"] {
            let found = RecurrenceUnit.allCases.compactMap { $0.periodIndex(named: bad) }
            #expect(found.isEmpty, "'\(bad)' names no period")
        }
    }

    @Test("the planner gives a recurring task no single timing, and each occurrence the reminders of its due day")
    func plannerOccurrences() {
        let rule = Self.rule(.month, .dayOfMonth(20))
        let task = PlanTask(id: "bao-cao-thang", title: "Báo cáo công tác", owners: ["vp"], due: .recurring(rule),
                            remind: [Offset(3, .workingDays), Offset(0, .days)])
        let plan = Fixtures.plan(tasks: [task])
        let planner = ReminderPlanner(calendar: Self.calendar)
        #expect(planner.timing(of: task, in: plan) == .recurring(rule))
        #expect(planner.instances(of: task, in: plan).isEmpty)
        #expect(task.effectiveShift == .later)
        let february = planner.occurrences(of: task, dueFrom: Self.date("2027-02-01"), through: Self.date("2027-02-28"))
        #expect(february.map(\.occurrence.period) == ["2027-02"])
        let due = february[0].dueDay
        #expect(planner.dueDay(of: february[0].occurrence, of: task) == due)
        #expect(planner.slots(of: task, in: plan, dueDay: due).map { "\($0.day.iso) \($0.kind)" }
                == ["2027-02-17 advance", "2027-02-22 due"])
        let fixed = Fixtures.task("t", due: .absolute(Self.date("2027-02-20")))
        #expect(planner.dueDay(of: february[0].occurrence, of: fixed) == nil)
        #expect(planner.occurrences(of: fixed, dueFrom: Self.date("2027-01-01"), through: Self.date("2027-12-31"))
                    .isEmpty)
    }
}

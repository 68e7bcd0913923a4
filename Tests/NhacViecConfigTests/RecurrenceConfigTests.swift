import Foundation
import NhacViecConfig
import NhacViecCore
import Testing
import TestSupport

/// The mapping form of `due:` in a plan file: the examples read into their rules, and every malformed rule,
/// every part of a task that cannot recur and every petition that tries to, reported at its key or value.
struct RecurrenceConfigTests {
    /// A task's `due` value (and any keys after it) with the place and words of the one error it must cause.
    struct Rejection: Sendable, CustomTestStringConvertible {
        /// What follows `due: ` inside the task's flow mapping on line 11.
        let due: String
        /// `LINE:COLUMN` of the offending key or value.
        let position: String
        /// The message after `error: `.
        let message: String

        init(_ due: String, _ position: String, _ message: String) {
            self.due = due
            self.position = position
            self.message = message
        }

        var testDescription: String { due }
    }

    static let rejections: [Rejection] = [
        Rejection("{every: fortnight, day: 20, from: 2027-01-01}", "11:50",
                  "due every must be week, month, quarter, half-year or year, not 'fortnight'"),
        Rejection("{every: month, day: 32, from: 2027-01-01}", "11:62",
                  "due day must be a day of the month from 1 to 31, first-working-day or last-working-day, not '32'"),
        Rejection("{every: month, day: last-working-days, from: 2027-01-01}", "11:62",
                  "due day must be a day of the month from 1 to 31, first-working-day or last-working-day, not "
                  + "'last-working-days'; did you mean 'last-working-day'?"),
        Rejection("{every: quarter, month: 4, day: 15, from: 2027-01-01}", "11:66",
                  "due month must be from 1 to 3 in a quarter (the month within each quarter), not '4'"),
        Rejection("{every: half-year, month: 7, day: 15, from: 2027-01-01}", "11:68",
                  "due month must be from 1 to 6 in a half-year (the month within each half-year), not '7'"),
        Rejection("{every: quarter, day: 15, from: 2027-01-01}", "11:42",
                  "due every: quarter needs 'month' (1-3): the month of each quarter its day falls in"),
        Rejection("{every: month, month: 3, day: 15, from: 2027-01-01}", "11:57",
                  "due every: month takes no 'month'; for one month of each year write every: year, month: N"),
        Rejection("{every: month, day: 20, from: 2027-01-01, through: 2026-12-31}", "11:93",
                  "due through 2026-12-31 is before from 2027-01-01; both days are included"),
        Rejection("{every: month, day: 20}", "11:42",
                  "a recurring due needs 'from', the first day it may fall on (YYYY-MM-DD)"),
        Rejection("{day: 20, from: 2027-01-01}", "11:42",
                  "a recurring due needs 'every': week, month, quarter, half-year or year"),
        Rejection("{every: month, day: 20, from: 2027-02-30}", "11:72",
                  "due from must be a date written YYYY-MM-DD, not '2027-02-30'"),
        Rejection("{every: month, day: 20, from: 2101-01-01}", "11:72",
                  "due from 2101-01-01 is outside the supported years 1968-2100"),
        Rejection("{every: month, day: 20, from: 2027-01-01, throgh: 2027-12-31}", "11:84",
                  "unknown key 'throgh' in a recurring due; did you mean 'through'?"),
        Rejection("{every: month, day: 20, from: 2027-01-01, until: 2027-12-31}", "11:84",
                  "a recurring due ends with 'through' (the last day it may fall on), not 'until', which names an event"
                  + " in overdue and escalate"),
        Rejection("{every: month, day: 20, weekday: monday, from: 2027-01-01}", "11:57",
                  "due takes 'day' or 'weekday', not both"),
        Rejection("{every: week, day: 1, from: 2027-01-01}", "11:56",
                  "due every: week takes 'weekday' (monday … sunday), not 'day'"),
        Rejection("{every: week, weekday: monday, nth: 1, from: 2027-01-01}", "11:73",
                  "due every: week takes no 'nth': a week has one of each weekday"),
        Rejection("{every: week, from: 2027-01-04}", "11:42", "due every: week needs 'weekday' (monday … sunday)"),
        Rejection("{every: month, from: 2027-01-01}", "11:42",
                  "due needs 'day' (1-31, first-working-day or last-working-day) or 'weekday' (monday … sunday, with "
                  + "nth)"),
        Rejection("{every: month, weekday: monday, from: 2027-01-01}", "11:57",
                  "due weekday in a month needs 'nth' (1-5 or last): weekday: monday, nth: 1 is the first Monday"),
        Rejection("{every: month, day: 5, nth: 1, from: 2027-01-01}", "11:65",
                  "due nth needs 'weekday': nth: 1 with weekday: monday is the first Monday"),
        Rejection("{every: month, weekday: monday, nth: 6, from: 2027-01-01}", "11:79",
                  "due nth must be 1, 2, 3, 4, 5 or last, not '6'"),
        Rejection("{every: week, weekday: munday, from: 2027-01-04}", "11:65",
                  "due weekday must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, not "
                  + "'munday'; did you mean 'monday'?"),
        Rejection("{every: month, day: 5, period: last, from: 2027-01-01}", "11:73",
                  "due period must be 'current' or 'previous' (the period before the due day's), not 'last'"),
        Rejection("{every: month, day: 5, from: 2027-01-06, through: 2027-02-04}", "11:42",
                  "due has no occurrence from 2027-01-06 through 2027-02-04"),
        Rejection("2027-01-20, shift: skip", "11:61",
                  "shift 'skip' drops an occurrence whose day is a day off; only a recurring due ({every: …}) has "
                  + "occurrences to drop: use 'earlier', 'later' or 'none'"),
        Rejection("{every: month, day: 20, from: 2027-01-01}, shift: skp", "11:92",
                  "shift must be 'earlier', 'later', 'none' or 'skip', not 'skp'; did you mean 'skip'?"),
        Rejection("{every: month, day: 20, from: 2027-01-01}, produces: conclusion", "11:95",
                  "a recurring task cannot produce 'conclusion': an event has one date, while the task recurs (every: "
                  + "month); make the event's task a task of its own"),
        Rejection("{every: month, day: 20, from: 2027-01-01}, overdue: {every: 1wd, times: 2, until: conference}",
                  "11:124",
                  "overdue until does not apply to a recurring task: 'conference' has one day, while the task recurs "
                  + "(every: month); leave 'until' out"),
        Rejection("{every: month, day: 20, from: 2027-01-01}, escalate: {after: 1wd, to: vp, until: conference}",
                  "11:123",
                  "escalate until does not apply to a recurring task: 'conference' has one day, while the task recurs "
                  + "(every: month); leave 'until' out"),

    ]

    @Test("every malformed recurring rule, and each part a recurring task cannot have, is reported at its key or value",
          arguments: Self.rejections)
    func rejection(_ rejection: Rejection) {
        let task = "  - {id: t, title: Việc, owner: vp, due: \(rejection.due)}"
        #expect(CheckDiagnosticsTests.diagnostics(plan: CheckDiagnosticsTests.plan(tasks: task))
                == ["\(CheckDiagnosticsTests.planFile):\(rejection.position): error: \(rejection.message)"])
    }

    /// Every diagnostic of a load of the plan text beside the test main file, errors and warnings.
    static func all(plan: String) -> [String] {
        let source = MemoryConfigurationSource(files: [CheckDiagnosticsTests.main: CheckDiagnosticsTests.mainText,
                                                       CheckDiagnosticsTests.planFile: plan])
        do {
            return try ConfigurationLoader(source: source).load(mainFile: CheckDiagnosticsTests.main).warnings
                .filter { $0.severity != .note }.map(\.description)
        } catch let error as ConfigurationError {
            return error.diagnostics.filter { $0.severity != .note }.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test("the shipped example of a ward's recurring reports passes check and reads into the issue's rules")
    func shippedExample() throws {
        let root = Fixtures.repositoryRoot().appendingPathComponent("config")
        let main = try String(contentsOf: root.appendingPathComponent("nhacviec.yaml"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("examples/bao-cao-dinh-ky.yaml"),
                                 encoding: .utf8)
        let source = MemoryConfigurationSource(files: [
            "/c/nhacviec.yaml": main.replacingOccurrences(of: "plans: plans.d", with: "plans: /c/plans.d"),
            "/c/plans.d/bao-cao-dinh-ky.yaml": example,
        ])
        let configuration = try ConfigurationLoader(source: source).load(mainFile: "/c/nhacviec.yaml")
        #expect(configuration.warnings.filter { $0.severity != .note }.isEmpty)
        let plan = try #require(configuration.plans.first?.plan)
        func date(_ text: String) -> LocalDate { Fixtures.date(text) }
        let from = date("2027-01-01")
        let expected: [(String, Recurrence, Shift)] = [
            ("bao-cao-thang", Recurrence(unit: .month, day: .dayOfMonth(20), from: from), .later),
            ("bao-cao-quy", Recurrence(unit: .quarter, day: .dayOfMonth(15), month: 3, from: from), .later),
            ("bao-cao-6-thang", Recurrence(unit: .halfYear, day: .dayOfMonth(15), month: 6, from: from), .later),
            ("tong-ket-nam", Recurrence(unit: .year, day: .dayOfMonth(15), month: 12, from: from), .later),
            ("so-lieu-thang-truoc", Recurrence(unit: .month, day: .dayOfMonth(5), period: .previous, from: from),
             .later),
            ("giao-ban", Recurrence(unit: .week, day: .weekday(1, nth: nil), from: date("2027-01-04"),
                                    through: date("2028-12-31")), .skip),
            ("cuoi-thang", Recurrence(unit: .month, day: .lastWorkingDay, from: from), .later),
            ("hop-dau-thang", Recurrence(unit: .month, day: .weekday(1, nth: .number(1)), from: from), .later),
        ]
        #expect(plan.tasks.map(\.id) == expected.map(\.0))
        for (id, rule, shift) in expected {
            #expect(plan.task(id)?.due == .recurring(rule), "\(id)")
            #expect(plan.task(id)?.effectiveShift == shift, "\(id)")
        }
    }

    @Test("a rule in block style reads like the flow one, and its mistakes are placed on their own lines")
    func blockStyle() {
        let tasks = """
              - id: t
                title: Việc
                owner: vp
                due:
                  every: quarter
                  month: 3
                  day: 32
                  from: 2027-01-01
                  through: 2026-01-01
            """
        #expect(Self.all(plan: CheckDiagnosticsTests.plan(tasks: tasks)) == [
            "\(CheckDiagnosticsTests.planFile):17:12: error: due day must be a day of the month from 1 to 31, "
                + "first-working-day or last-working-day, not '32'",
            "\(CheckDiagnosticsTests.planFile):19:16: error: due through 2026-01-01 is before from 2027-01-01; "
                + "both days are included",
        ])
        let valid = tasks.replacingOccurrences(of: "day: 32", with: "day: 31")
            .replacingOccurrences(of: "through: 2026-01-01", with: "period: previous")
        #expect(Self.all(plan: CheckDiagnosticsTests.plan(tasks: valid)).isEmpty)
    }

    @Test("an until inherited from the plan's defaults is reported at the recurring task's due")
    func inheritedUntil() {
        let plan = CheckDiagnosticsTests.plan(tasks: """
              - {id: t, title: Việc, owner: vp, due: {every: month, day: 20, from: 2027-01-01}}
              - {id: u, title: Việc một lần, owner: vp, due: conference - 7d}
            """).replacingOccurrences(of: "tasks:",
                                    with: "defaults:\n  overdue: {every: 1wd, times: 2, until: conference}\ntasks:")
        #expect(Self.all(plan: plan) == [
            "\(CheckDiagnosticsTests.planFile):13:42: error: the defaults' overdue until 'conference' does not apply "
                + "to a recurring task (every: month); give the task its own 'overdue' without 'until', "
                + "or overdue: none",
        ])
    }

    @Test("reminders that span more than the period draw a warning at the task's due, and a rule within it none")
    func reminderSpan() {
        let weekly = "{every: week, weekday: monday, from: 2027-01-04}"
        let long = "  - {id: t, title: Việc, owner: vp, due: \(weekly), remind: [5wd, 0d], "
            + "overdue: {every: 1wd, times: 3}}"
        #expect(Self.all(plan: CheckDiagnosticsTests.plan(tasks: long)) == [
            "\(CheckDiagnosticsTests.planFile):11:42: warning: task 't' sends reminders from about 7 days before "
                + "each due day to about 6 days after it, 13 days in all, more than a week (7 days): one "
                + "occurrence's reminders run into the next one's; shorten remind, overdue or escalate",
        ])
        let short = "  - {id: t, title: Việc, owner: vp, due: \(weekly), remind: [5wd, 0d]}"
        #expect(Self.all(plan: CheckDiagnosticsTests.plan(tasks: short)).isEmpty)
    }

    @Test("a petition's deadline cannot recur, nor its defaults skip")
    func petitionsDoNotRecur() {
        let text = """
            petitions-for: ba-don
            defaults:
              shift: skip
            petitions:
              - so: 1
                noi-dung: Đề nghị sửa đường
                don-vi: kinh-te
                han: {every: month, day: 20, from: 2027-01-01}
            """
        let file = PetitionImportTests.petitionsFile
        #expect(PetitionImportTests.load(text).1 == [
            "\(file):3:10: error: shift 'skip' drops an occurrence whose day is a day off; a petition is answered once "
                + "and has none to drop: use 'earlier', 'later' or 'none'",
            "\(file):8:10: error: han must be a date (2026-01-30) or an event plus or minus an offset "
                + "(conclusion + 15wd), not a recurring rule: a petition is answered once",
        ])
    }
}

import Foundation
@testable import NhacViecCore
import Testing
import TestSupport

/// Recurring tasks in the scheduler: each occurrence a task of its own, held a few at a time.
struct RecurringSchedulerTests {
    let calendar = WorkingCalendar(official: [Fixtures.official2026])

    func driver(_ tasks: [PlanTask], records: [TaskKey: TaskRecord] = [:], start: String) -> SchedulerDriver {
        SchedulerDriver(scheduler: Scheduler(planner: ReminderPlanner(calendar: calendar)),
                        plans: [Fixtures.plan(tasks: tasks)], records: records, now: Fixtures.instant(start))
    }

    var monthly: PlanTask {
        Fixtures.task("bao-cao-thang", due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20),
                                                                  from: Fixtures.date("2027-01-01"))),
                      remind: [Offset(3, .workingDays), Offset(0, .days)],
                      overdue: OverdueRule(every: Offset(2, .workingDays), times: 2))
    }

    var weekly: PlanTask {
        var task = Fixtures.task("giao-ban", due: .recurring(Recurrence(unit: .week, day: .weekday(1, nth: nil),
                                                                       from: Fixtures.date("2027-01-04"),
                                                                       through: Fixtures.date("2028-12-31"))),
                                 remind: [Offset(1, .workingDays), Offset(0, .days)],
                                 overdue: OverdueRule(every: Offset(1, .workingDays), times: 4))
        task.shift = .skip
        return task
    }

    @Test func `each month of a year gets its own reminders, named by its period`() {
        var run = driver([monthly], start: "2026-12-20T00:00")
        run.advance(to: Fixtures.instant("2027-12-31T23:00"))
        let due = run.sentKeys.filter { $0.contains("/due/") }
        #expect(due.count == 12)
        #expect(due.first == "p/bao-cao-thang+2027-01/due/2027-01-20")
        // 20/03/2027 is a Saturday: the due day moves to Monday 22/03 (shift: later, Civil Code art. 148(5)).
        #expect(due.contains("p/bao-cao-thang+2027-03/due/2027-03-22"))
        #expect(due.last == "p/bao-cao-thang+2027-12/due/2027-12-20")
        // One advance, one due and two overdue reminders per month; nothing twice.
        #expect(run.sentKeys.count == 12 * 4)
        #expect(Set(run.sentKeys).count == run.sentKeys.count)
        #expect(run.skipped.isEmpty)
    }

    @Test func `done on March does not close April`() {
        var run = driver([monthly], start: "2027-03-01T00:00")
        run.doneTasks = [TaskKey(planID: "p", taskID: "bao-cao-thang+2027-03")]
        run.advance(to: Fixtures.instant("2027-04-30T23:00"))
        #expect(!run.sentKeys.contains { $0.hasPrefix("p/bao-cao-thang+2027-03/") })
        #expect(run.sentKeys.filter { $0.hasPrefix("p/bao-cao-thang+2027-04/") }.count == 4)
    }

    @Test func `week N's overdue and week N+1's advance reminder on one day are two items`() {
        var run = driver([weekly], start: "2027-03-01T00:00")
        run.advance(to: Fixtures.instant("2027-03-19T23:00"))
        // Friday 12/03/2027: week 10's fourth overdue reminder (Monday 08/03 + 4 working days) and week 11's advance
        // reminder (1 working day before Monday 15/03). Both go out; neither stands in for the other.
        let friday = run.sentKeys.filter { $0.hasSuffix("/2027-03-12") }
        #expect(friday.sorted() == ["p/giao-ban+2027-W10/overdue/2027-03-12", "p/giao-ban+2027-W11/advance/2027-03-12"])
        #expect(run.sentKeys.contains("p/giao-ban+2027-W11/due/2027-03-15"))
    }

    @Test func `a weekly meeting on a Tết Monday with shift skip sends nothing that week`() {
        var run = driver([weekly], start: "2027-01-25T00:00")
        run.advance(to: Fixtures.instant("2027-02-28T23:00"))
        // Monday 08/02/2027 is mùng 3 Tết, a day off: week 6 has no meeting, so no reminder of it at all.
        #expect(!run.sentKeys.contains { $0.contains("giao-ban+2027-W06/") })
        #expect(run.sentKeys.contains("p/giao-ban+2027-W05/due/2027-02-01"))
        #expect(run.sentKeys.contains("p/giao-ban+2027-W07/due/2027-02-15"))
    }

    @Test func `a restart in the middle of the year sends nothing twice and misses nothing`() {
        var first = driver([monthly], start: "2026-12-20T00:00")
        first.advance(to: Fixtures.instant("2027-05-21T10:00"))
        var second = driver([monthly], records: first.records, start: "2027-05-21T10:00")
        second.advance(to: Fixtures.instant("2027-08-31T23:00"))
        var whole = driver([monthly], start: "2026-12-20T00:00")
        whole.advance(to: Fixtures.instant("2027-08-31T23:00"))
        #expect(first.sentKeys + second.sentKeys == whole.sentKeys)
    }

    @Test func `the scheduler holds a few occurrences, however long the rule runs`() {
        var endless = monthly
        endless.due = .recurring(Recurrence(unit: .month, day: .dayOfMonth(20), from: Fixtures.date("1970-01-01")))
        let run = driver([endless, weekly], start: "2027-06-01T00:00")
        let lanes = run.scheduler.reminders.lanes
        #expect(lanes.count < 20)
        let held = lanes.compactMap { $0.occurrence?.occurrence?.period }
        #expect(held.contains("2027-06") && !held.contains("2026-01"))
    }
}

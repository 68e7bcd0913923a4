import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The scheduler driven by a manual clock and a recording transport.
struct SchedulerTests {
    static let zone = "Asia/Ho_Chi_Minh"
    let calendar = WorkingCalendar(official: [Fixtures.official2026])

    func makeDriver(_ tasks: [PlanTask], records: [TaskKey: TaskRecord] = [:], start: String) -> SchedulerDriver {
        SchedulerDriver(scheduler: Scheduler(planner: ReminderPlanner(calendar: calendar)),
                        plans: [Fixtures.plan(tasks: tasks)], records: records, now: Fixtures.instant(start))
    }

    var invitation: PlanTask {
        Fixtures.task("giay-moi", due: .absolute(Fixtures.date("2026-03-13")),
                      remind: [Offset(2, .workingDays), Offset(0, .days)],
                      overdue: OverdueRule(every: Offset(1, .workingDays), times: 2),
                      escalate: EscalationRule(after: Offset(1, .workingDays), to: [.department("lanh-dao")]))
    }

    @Test("every reminder is sent at its instant, and the timer is armed for the next one")
    func everyReminderAtItsInstant() {
        var driver = makeDriver([invitation], start: "2026-03-01T00:00")
        #expect(driver.armedAt == Fixtures.instant("2026-03-11T07:30"))
        driver.advance(to: Fixtures.instant("2026-03-31T00:00"))
        #expect(driver.sentLog == [
            "2026-03-11T07:30 advance", "2026-03-13T07:30 due", "2026-03-16T07:30 overdue",
            "2026-03-16T07:30 escalation", "2026-03-17T07:30 overdue",
        ])
        #expect(driver.armedAt == nil)
    }

    @Test("a task marked done gets nothing more")
    func doneStopsReminders() {
        var driver = makeDriver([invitation], start: "2026-03-01T00:00")
        driver.advance(to: Fixtures.instant("2026-03-12T00:00"))
        driver.doneTasks.insert(TaskKey(planID: "p", taskID: "giay-moi"))
        driver.advance(to: Fixtures.instant("2026-03-31T00:00"))
        #expect(driver.sentLog == ["2026-03-11T07:30 advance"])
    }

    @Test("a reload schedules new tasks and drops removed ones")
    func reloadAddsAndRemoves() {
        var driver = makeDriver([invitation], start: "2026-03-01T00:00")
        let budget = Fixtures.task("du-toan", due: .absolute(Fixtures.date("2026-03-05")))
        driver.reload([Fixtures.plan(tasks: [budget])])
        #expect(driver.armedAt == Fixtures.instant("2026-03-05T07:30"))
        driver.advance(to: Fixtures.instant("2026-03-31T00:00"))
        #expect(driver.sentTasks == ["du-toan"])
    }

    @Test("after downtime only the most recent missed reminder of a task is sent, marked late")
    func catchUpSendsOnlyTheLatest() {
        let driver = makeDriver([invitation], start: "2026-03-16T09:00")
        #expect(driver.sentLog.sorted() == ["2026-03-16T09:00 escalation", "2026-03-16T09:00 overdue"])
        #expect(driver.skipped.sorted() == ["2026-03-11 advance superseded", "2026-03-13 due superseded"])
        #expect(driver.lateKeys.sorted() == ["p/giay-moi/escalation/2026-03-16", "p/giay-moi/overdue/2026-03-16"])
    }

    @Test("a reminder missed for longer than the catch-up limit is skipped, not sent")
    func catchUpLimitSkips() {
        let driver = makeDriver([invitation], start: "2026-03-30T09:00")
        #expect(driver.sentLog.isEmpty)
        #expect(driver.skipped.contains("2026-03-17 overdue too-late"))
        #expect(driver.skipped.contains("2026-03-16 escalation too-late"))
    }

    @Test("what the ledger already holds is never sent again after a restart")
    func ledgerPreventsResend() {
        let key = TaskKey(planID: "p", taskID: "giay-moi")
        let records = [key: TaskRecord(handledKeys: ["p/giay-moi/advance/2026-03-11"])]
        var driver = makeDriver([invitation], records: records, start: "2026-03-11T08:00")
        #expect(driver.sentLog.isEmpty)
        #expect(driver.armedAt == Fixtures.instant("2026-03-13T07:30"))
        driver.advance(to: Fixtures.instant("2026-03-13T08:00"))
        #expect(driver.sentLog == ["2026-03-13T07:30 due"])
    }

    @Test("temporary failures back off 1, 2, 4 … minutes up to an hour, then give up after 3 days")
    func backoffSequence() {
        var driver = makeDriver([Fixtures.task("t", due: .absolute(Fixtures.date("2026-03-13")))], start: "2026-03-13T07:00")
        driver.transportFails = true
        driver.advance(to: Fixtures.instant("2026-03-17T12:00"))
        let delays = zip(driver.attemptTimes, driver.attemptTimes.dropFirst()).map { Int($1.timeIntervalSince($0) / 60) }
        #expect(Array(delays.prefix(8)) == [1, 2, 4, 8, 16, 32, 60, 60])
        #expect(driver.failed == ["p/t/due/2026-03-13"])
        let span = driver.attemptTimes.last!.timeIntervalSince(driver.attemptTimes.first!)
        #expect(span <= 3 * 86400 && span > 3 * 86400 - 3600)
    }

    @Test("a retry is superseded when the task's next reminder comes due")
    func retrySupersededByNextReminder() {
        var driver = makeDriver([invitation], start: "2026-03-11T07:00")
        driver.transportFails = true
        driver.advance(to: Fixtures.instant("2026-03-13T07:29"))
        driver.transportFails = false
        driver.advance(to: Fixtures.instant("2026-03-13T08:00"))
        #expect(driver.sentLog == ["2026-03-13T07:30 due"])
        #expect(driver.skipped.contains("2026-03-11 advance superseded"))
    }

    @Test("the summary names the next reminder and counts overdue tasks")
    func summaryForStatusLine() {
        var driver = makeDriver([invitation], start: "2026-03-16T08:00")
        let summary = driver.scheduler.summary(now: Fixtures.instant("2026-03-16T08:00"))
        #expect(summary.next?.kind == .overdue)
        #expect(summary.overdue == 1)
        #expect(summary.pending == 1)
        driver.advance(to: Fixtures.instant("2026-03-16T08:01"))
    }

    @Test("while a reminder is being sent the summary does not name it as still to come")
    func summaryDuringDelivery() {
        var scheduler = Scheduler(planner: ReminderPlanner(calendar: calendar))
        let actions = scheduler.load(plans: [Fixtures.plan(tasks: [invitation])], records: [:], now: Fixtures.instant("2026-03-11T08:00"))
        #expect(actions.count == 1)
        let summary = scheduler.summary(now: Fixtures.instant("2026-03-11T08:00"))
        #expect(summary.next?.kind == .escalation)
        #expect(summary.next?.day == Fixtures.date("2026-03-16"))
    }
}

import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The scheduler on bad days: a ledger that cannot be written, a ledger started afresh, a reload that moves a date.
struct SchedulerReliabilityTests {
    let calendar = WorkingCalendar(official: [Fixtures.official2026])

    var task: PlanTask {
        Fixtures.task("giay-moi", due: .absolute(Fixtures.date("2026-03-13")), remind: [Offset(2, .workingDays), Offset(0, .days)],
                      overdue: OverdueRule(every: Offset(1, .workingDays), times: 3))
    }

    func driver(start: String, policy: SchedulerPolicy = SchedulerPolicy(), plan: Plan? = nil) -> SchedulerDriver {
        SchedulerDriver(scheduler: Scheduler(planner: ReminderPlanner(calendar: calendar), policy: policy),
                        plans: [plan ?? Fixtures.plan(tasks: [task])], now: Fixtures.instant(start))
    }

    @Test("while no attempt can be written nothing is sent, and the reminder goes out once the store works, without giving up")
    func storeDownHoldsRemindersBack() {
        var driver = driver(start: "2026-03-11T07:00")
        driver.storeDown = true
        driver.advance(to: Fixtures.instant("2026-03-11T09:00"))
        #expect(driver.sentLog.isEmpty)
        #expect(driver.failed.isEmpty)
        #expect(driver.attemptTimes.isEmpty)
        driver.storeDown = false
        driver.advance(to: Fixtures.instant("2026-03-11T09:02"))
        #expect(driver.sentLog == ["2026-03-11T09:01 advance"])
        #expect(driver.sentTasks == ["giay-moi"])
    }

    @Test("a store down for days still gives up nothing: the latest reminder is sent when it works again")
    func storeDownForDays() {
        var driver = driver(start: "2026-03-11T07:00")
        driver.storeDown = true
        driver.advance(to: Fixtures.instant("2026-03-20T07:00"))
        #expect(driver.failed.isEmpty)
        driver.storeDown = false
        driver.advance(to: Fixtures.instant("2026-03-20T07:02"))
        #expect(driver.sentTasks.count >= 1)
        #expect(driver.failed.isEmpty)
    }

    @Test("after a fresh ledger, reminders due before it are skipped as history lost, later ones are sent")
    func freshLedgerSkipsThePast() {
        let policy = SchedulerPolicy(historyStartsAt: Fixtures.instant("2026-03-14T00:00"))
        var driver = driver(start: "2026-03-14T00:00", policy: policy)
        #expect(driver.sentLog.isEmpty)
        #expect(driver.skipped.contains("2026-03-13 due history-lost"))
        driver.advance(to: Fixtures.instant("2026-03-16T08:00"))
        #expect(driver.sentLog == ["2026-03-16T07:30 overdue"])
    }

    @Test("a first start catches up the latest missed reminder, labelled late")
    func firstStartCatchesUpLate() {
        let driver = driver(start: "2026-03-13T10:00")
        #expect(driver.sentLog == ["2026-03-13T10:00 due"])
        #expect(driver.lateKeys == ["p/giay-moi/due/2026-03-13"])
    }

    @Test("a reminder past its instant because a reload moved the date is sent, but not labelled missed while down")
    func reloadMovedDateIsNotLate() {
        let later = Fixtures.task("giay-moi", due: .relative(event: "conference", direction: .before, offset: Offset(0, .days)),
                                  remind: [Offset(0, .days)])
        var driver = driver(start: "2026-03-10T08:00", plan: Fixtures.plan(event: "2026-03-20", tasks: [later]))
        driver.advance(to: Fixtures.instant("2026-03-11T09:00"))
        #expect(driver.sentLog.isEmpty)
        driver.reload([Fixtures.plan(event: "2026-03-11", tasks: [later])])
        #expect(driver.sentLog == ["2026-03-11T09:00 due"])
        #expect(driver.lateKeys.isEmpty)
        #expect(driver.movedKeys == ["p/giay-moi/due/2026-03-11"])
    }

    @Test("a reload planned off the queue from an older ledger snapshot does not resend what was sent meanwhile")
    func preparedReloadKnowsWhatWasSentMeanwhile() {
        let plan = Fixtures.plan(tasks: [task])
        var scheduler = Scheduler(planner: ReminderPlanner(calendar: calendar))
        _ = scheduler.load(plans: [plan], records: [:], now: Fixtures.instant("2026-03-11T07:00"))
        // The reload reads the ledger (nothing sent yet) and plans on another queue…
        let prepared = scheduler.prepared(plans: [plan], records: [:], now: Fixtures.instant("2026-03-11T07:00"))
        // …while the scheduler sends the advance reminder due at 07:30.
        let sends = scheduler.fire(now: Fixtures.instant("2026-03-11T07:30"))
        guard case .send(let delivery) = sends.first else { Issue.record("nothing sent: \(sends)"); return }
        _ = scheduler.complete(delivery, outcome: .sent, now: Fixtures.instant("2026-03-11T07:30"))
        let actions = scheduler.adopt(prepared, handledSince: [delivery.send], now: Fixtures.instant("2026-03-11T07:31"),
                                      afterReload: true)
        #expect(actions.isEmpty, "the advance reminder must not go out twice: \(actions)")
        #expect(scheduler.nextWakeup == Fixtures.instant("2026-03-13T07:30"))
    }

    @Test("a send in flight during a reload stays in flight, and its outcome is taken by the new plans")
    func inFlightSurvivesAReload() {
        let plan = Fixtures.plan(tasks: [task])
        var scheduler = Scheduler(planner: ReminderPlanner(calendar: calendar))
        let sends = scheduler.load(plans: [plan], records: [:], now: Fixtures.instant("2026-03-11T07:30"))
        guard case .send(let delivery) = sends.first else { Issue.record("nothing sent: \(sends)"); return }
        let actions = scheduler.adopt(scheduler.prepared(plans: [plan], records: [:], now: Fixtures.instant("2026-03-11T07:30")), handledSince: [],
                                      now: Fixtures.instant("2026-03-11T07:31"), afterReload: true)
        #expect(actions.isEmpty)
        #expect(scheduler.complete(delivery, outcome: .sent, now: Fixtures.instant("2026-03-11T07:32")) == [.delivered(delivery)])
    }
}

import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The one definition of a task's state, shared by `status` and the daemon's STATUS line.
struct TaskStatusTests {
    let calendar = WorkingCalendar(official: [Fixtures.official2026])
    let due = Fixtures.date("2026-03-13")

    @Test("a task is pending before its due day, due today on it, and overdue after it")
    func stateFollowsTheDueDay() {
        #expect(TaskState(timing: .due(due), isDone: false, today: Fixtures.date("2026-03-12")) == .pending)
        #expect(TaskState(timing: .due(due), isDone: false, today: due) == .dueToday)
        #expect(TaskState(timing: .due(due), isDone: false, today: Fixtures.date("2026-03-14")) == .overdue)
    }

    @Test("done wins over overdue and waiting")
    func doneWins() {
        #expect(TaskState(timing: .due(due), isDone: true, today: Fixtures.date("2026-04-01")) == .done)
        #expect(TaskState(timing: .waiting(event: "conclusion"), isDone: true, today: due) == .done)
    }

    @Test("a task waiting for an event is waiting whatever the day")
    func waitingIsWaiting() {
        #expect(TaskState(timing: .waiting(event: "conclusion"), isDone: false, today: due) == .waiting)
    }

    @Test("status reports a task due today as pending")
    func dueTodayIsReportedPending() {
        #expect(TaskState.dueToday.reported == .pending)
        #expect(TaskState.overdue.reported == .overdue)
    }

    @Test("each status holds the next reminder not yet handled and the last one sent")
    func statusHoldsLastAndNext() {
        let task = Fixtures.task("giay-moi", due: .absolute(due), remind: [Offset(2, .workingDays), Offset(0, .days)])
        let plan = Fixtures.plan(tasks: [task])
        let key = TaskKey(planID: "p", taskID: "giay-moi")
        let sent = SentReminder(kind: "advance", day: "2026-03-11", at: Fixtures.instant("2026-03-11T07:30"))
        let records = [key: TaskRecord(handledKeys: ["p/giay-moi/advance/2026-03-11"])]
        let statuses = TaskStatus.all(plans: [plan], calendar: calendar, records: records, completions: [:],
                                      lastSent: [key: sent], now: Fixtures.instant("2026-03-12T09:00"))
        #expect(statuses.count == 1)
        #expect(statuses[0].state == .pending)
        #expect(statuses[0].lastSent == sent)
        #expect(statuses[0].next?.kind == .due)
        #expect(statuses[0].next?.day == due)
    }

    @Test("a done task has no next reminder")
    func doneHasNoNext() {
        let task = Fixtures.task("giay-moi", due: .absolute(due), remind: [Offset(0, .days)])
        let key = TaskKey(planID: "p", taskID: "giay-moi")
        let completion = Completion(task: key, doneAt: Fixtures.instant("2026-03-10T09:00"), doneBy: "Lan", note: nil)
        let statuses = TaskStatus.all(plans: [Fixtures.plan(tasks: [task])], calendar: calendar, records: [:],
                                      completions: [key: [completion]], lastSent: [:], now: Fixtures.instant("2026-03-12T09:00"))
        #expect(statuses[0].state == .done)
        #expect(statuses[0].next == nil)
        #expect(statuses[0].completion?.doneBy == "Lan")
    }

    @Test("the scheduler's overdue count agrees with the task states")
    func schedulerCountsOverdueByTheSameDefinition() {
        let late = Fixtures.task("late", due: .absolute(Fixtures.date("2026-03-10")), remind: [Offset(0, .days)])
        let today = Fixtures.task("today", due: .absolute(due), remind: [Offset(0, .days)])
        let waiting = Fixtures.task("waiting", due: .relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays)))
        var plan = Fixtures.plan(tasks: [late, today, waiting])
        plan.events["conclusion"] = .tbd
        let now = Fixtures.instant("2026-03-13T09:00")
        var scheduler = Scheduler(planner: ReminderPlanner(calendar: calendar))
        _ = scheduler.load(plans: [plan], records: [:], now: now)
        let states = TaskStatus.all(plans: [plan], calendar: calendar, records: [:], completions: [:], lastSent: [:], now: now)
        #expect(states.map(\.state) == [.overdue, .dueToday, .waiting])
        #expect(scheduler.summary(now: now).overdue == 1)
    }

    @Test("a task is done only when every owner has reported; each owner carries its own state")
    func ownersReportSeparately() {
        var task = Fixtures.task("tra-loi", due: .absolute(Fixtures.date("2026-03-10")), remind: [Offset(0, .days)])
        task.owners = ["vp", "lanh-dao"]
        let key = TaskKey(planID: "p", taskID: "tra-loi")
        let vp = Completion(task: key, department: "vp", doneAt: Fixtures.instant("2026-03-09T09:00"), doneBy: "vp@x.vn", note: nil, ref: "45/UBND-VP")
        let now = Fixtures.instant("2026-03-12T09:00")
        let partly = TaskStatus.all(plans: [Fixtures.plan(tasks: [task])], calendar: calendar, records: [:],
                                    completions: [key: [vp]], lastSent: [:], now: now)[0]
        #expect(partly.state == .overdue)
        #expect(partly.owners.map(\.state) == [.done, .overdue])
        #expect(partly.owners[0].completion?.ref == "45/UBND-VP")
        let other = Completion(task: key, department: "lanh-dao", doneAt: now, doneBy: nil, note: nil)
        let whole = TaskStatus.all(plans: [Fixtures.plan(tasks: [task])], calendar: calendar, records: [:],
                                   completions: [key: [vp, other]], lastSent: [:], now: now)[0]
        #expect(whole.state == .done)
        #expect(whole.next == nil)
    }

    @Test("copies go to the owners still to report; with replies by mail each gets its own; an escalation names the late ones")
    func copiesFollowTheOwnersStillToReport() {
        var task = Fixtures.task("tra-loi", due: .absolute(Fixtures.date("2026-03-10")), remind: [Offset(0, .days)],
                                 escalate: EscalationRule(after: Offset(1, .workingDays), to: [.department("lanh-dao")]))
        task.owners = ["vp", "lanh-dao"]
        let plan = Fixtures.plan(tasks: [task])
        let instances = ReminderPlanner(calendar: calendar).instances(of: task, in: plan)
        let due = instances.first { $0.kind == .due }!, escalation = instances.first { $0.kind == .escalation }!
        let vpDone = DoneOwners(departments: ["vp"])
        #expect(MailCopy.copies(of: due, in: plan, done: vpDone, perDepartment: false, calendar: calendar).map(\.departments) == [["lanh-dao"]])
        #expect(MailCopy.copies(of: due, in: plan, done: DoneOwners(), perDepartment: true, calendar: calendar).map(\.department) == ["vp", "lanh-dao"])
        #expect(MailCopy.copies(of: escalation, in: plan, done: vpDone, perDepartment: true, calendar: calendar).map(\.departments) == [["lanh-dao"]])
        #expect(MailCopy.copies(of: escalation, in: plan, done: DoneOwners(everyone: true), perDepartment: false, calendar: calendar).isEmpty)
    }
}

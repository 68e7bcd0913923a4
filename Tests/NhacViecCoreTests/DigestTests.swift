import Foundation
import NhacViecCore
import Testing
import TestSupport

/// Weekly digests on the manual clock: cadence, once a week across restarts, catch-up, `advance: drop`,
/// one digest per address across plans, and overdue tasks until each department reports.
struct DigestTests {
    let calendar = WorkingCalendar(official: [Fixtures.official2026])
    static let monday = DigestSettings(weekday: 1, at: TimeOfDay(hour: 7, minute: 30)!, advance: .keep)
    static let vp = "vp@example.gov.vn"

    /// Plan `p`: `vp` on a Monday digest (or `digest`), `lanh-dao` not.
    func plan(id: String = "p", digest: DigestSettings? = monday, tasks: [PlanTask]) -> Plan {
        var plan = Fixtures.plan(id: id, tasks: tasks)
        plan.departments[0].digest = digest
        return plan
    }

    /// A task the plan chases once overdue (as the shipped plans' defaults do), unless `overdue` says otherwise.
    func task(_ id: String, due: String, owners: [String] = ["vp"], remind: [Offset] = [Offset(0, .days)],
              overdue: OverdueRule? = OverdueRule(every: Offset(1, .workingDays), times: 2)) -> PlanTask {
        PlanTask(id: id, title: "Việc \(id)", owners: owners, due: .absolute(Fixtures.date(due)), remind: remind, overdue: overdue)
    }

    func driver(_ plans: [Plan], digestKeys: Set<String> = [], policy: SchedulerPolicy = SchedulerPolicy(), start: String) -> SchedulerDriver {
        SchedulerDriver(scheduler: Scheduler(planner: ReminderPlanner(calendar: calendar), policy: policy), plans: plans,
                        digestKeys: digestKeys, calendar: calendar, now: Fixtures.instant(start))
    }

    @Test("ISO weeks: the last days of December may belong to week 1, the first of January to week 53")
    func isoWeeks() {
        #expect(ISOWeek(Fixtures.date("2025-12-08")).description == "2025-W50")
        #expect(ISOWeek(Fixtures.date("2025-12-29")).description == "2026-W01")
        #expect(ISOWeek(Fixtures.date("2021-01-03")).description == "2020-W53")
        #expect(DigestInstance.parse(key: "digest/vp@example.gov.vn/2026-W01").map { "\($0.address) \($0.week)" }
                == "vp@example.gov.vn 2026-W01")
    }

    @Test("a digest goes out every Monday at 07:30 with the week's tasks and the overdue ones; an empty week sends nothing")
    func weeklyCadence() {
        var driver = driver([plan(tasks: [task("a", due: "2026-03-13"), task("b", due: "2026-03-20")])], start: "2026-03-01T00:00")
        #expect(driver.armedAt == Fixtures.instant("2026-03-02T07:30"))
        driver.advance(to: Fixtures.instant("2026-03-31T00:00"))
        #expect(driver.digestSkipped == ["\(Self.vp) 2026-W10 empty"])
        #expect(driver.digestLog == [
            "2026-03-09T07:30 \(Self.vp) 2026-W11 1", "2026-03-16T07:30 \(Self.vp) 2026-W12 2",
            "2026-03-23T07:30 \(Self.vp) 2026-W13 2", "2026-03-30T07:30 \(Self.vp) 2026-W14 2",
        ])
        let week12 = driver.digestContents[1].sections[0]
        #expect(week12.overdue.map(\.task.id) == ["a"])
        #expect(week12.coming.map(\.task.id) == ["b"])
        #expect(driver.armedAt == Fixtures.instant("2026-04-06T07:30"))
    }

    @Test("a week's digest is sent once, even when the daemon restarts (reloads the ledger) after sending it")
    func oncePerWeekAcrossRestart() {
        let plans = [plan(tasks: [task("a", due: "2026-03-13")])]
        var first = driver(plans, start: "2026-03-08T00:00")
        first.advance(to: Fixtures.instant("2026-03-09T08:00"))
        #expect(first.digestLog == ["2026-03-09T07:30 \(Self.vp) 2026-W11 1"])
        var second = driver(plans, digestKeys: first.digestKeys, start: "2026-03-09T09:00")
        #expect(second.digestLog.isEmpty)
        #expect(second.scheduler.nextDigest(of: Self.vp)?.at == Fixtures.instant("2026-03-16T07:30"))
        second.advance(to: Fixtures.instant("2026-03-16T08:00"))
        #expect(second.digestLog == ["2026-03-16T07:30 \(Self.vp) 2026-W12 1"])
        second.reload(plans)
        #expect(second.digestLog.count == 1, "a reload does not resend the week's digest")
    }

    @Test("after downtime only the latest missed digest is sent, marked late; beyond the catch-up limit it is skipped")
    func catchUpOnlyTheLatest() {
        let plans = [plan(tasks: [task("a", due: "2026-03-13")])]
        let sent: Set<String> = ["digest/\(Self.vp)/2026-W11"]
        let late = driver(plans, digestKeys: sent, start: "2026-03-25T09:00")
        #expect(late.digestLog == ["2026-03-25T09:00 \(Self.vp) 2026-W13 1"])
        #expect(late.lateKeys == ["digest/\(Self.vp)/2026-W13"])
        #expect(!late.digestKeys.contains("digest/\(Self.vp)/2026-W12"), "the superseded week is neither sent nor recorded")
        let tooLate = driver(plans, digestKeys: sent, policy: SchedulerPolicy(catchUpLimit: 86400), start: "2026-03-25T09:00")
        #expect(tooLate.digestLog.isEmpty)
        #expect(tooLate.digestSkipped == ["\(Self.vp) 2026-W13 too-late"])
        #expect(tooLate.scheduler.nextDigest(of: Self.vp)?.at == Fixtures.instant("2026-03-30T07:30"))
    }

    @Test("advance: drop stops the advance reminders of the departments on the digest only; due-day mail still goes")
    func advanceDrop() throws {
        let drop = DigestSettings(weekday: 1, at: TimeOfDay(hour: 7, minute: 30)!, advance: .drop)
        let remind = [Offset(2, .workingDays), Offset(0, .days)]
        let plan = plan(digest: drop, tasks: [task("own", due: "2026-03-13", remind: remind, overdue: nil),
                                              task("shared", due: "2026-03-13", owners: ["vp", "lanh-dao"], remind: remind, overdue: nil),
                                              task("other", due: "2026-03-13", owners: ["lanh-dao"], remind: remind, overdue: nil)])
        let planner = ReminderPlanner(calendar: calendar)
        let kinds = { (id: String) in planner.instances(of: plan.task(id)!, in: plan).map { "\($0.kind.rawValue) \($0.recipients)" } }
        #expect(kinds("own") == ["due [\"vp@example.gov.vn\"]"])
        #expect(kinds("shared") == ["advance [\"lanh-dao@example.gov.vn\"]", "due [\"lanh-dao@example.gov.vn\", \"vp@example.gov.vn\"]"])
        #expect(kinds("other") == ["advance [\"lanh-dao@example.gov.vn\"]", "due [\"lanh-dao@example.gov.vn\"]"])
        let advance = try #require(planner.instances(of: plan.task("shared")!, in: plan).first)
        let copies = MailCopy.copies(of: advance, in: plan, done: DoneOwners(), perDepartment: true, calendar: calendar)
        #expect(copies.map(\.department) == ["lanh-dao"])
        var kept = plan
        kept.departments[0].digest = Self.monday
        #expect(planner.instances(of: kept.task("own")!, in: kept).map(\.kind) == [.advance, .due])
    }

    @Test("an address on the digests of two plans gets one digest, at the earlier slot, grouped by plan")
    func oneDigestAcrossPlans() {
        let later = DigestSettings(weekday: 2, at: TimeOfDay(hour: 7, minute: 0)!, advance: .keep)
        let p = plan(id: "p", digest: later, tasks: [task("a", due: "2026-03-11")])
        let q = plan(id: "q", digest: DigestSettings(weekday: 1, at: TimeOfDay(hour: 8, minute: 0)!), tasks: [task("b", due: "2026-03-12")])
        var driver = driver([p, q], start: "2026-03-08T00:00")
        driver.advance(to: Fixtures.instant("2026-03-10T00:00"))
        #expect(driver.digestLog == ["2026-03-09T08:00 \(Self.vp) 2026-W11 2"])
        #expect(driver.digestContents[0].sections.map(\.plan.id) == ["p", "q"])
        #expect(driver.scheduler.digestRecipients == [Self.vp])
    }

    @Test("an overdue task stays in each owner's digest until that department reports it done")
    func overdueUntilDonePerDepartment() {
        var p = plan(tasks: [task("shared", due: "2026-03-06", owners: ["vp", "lanh-dao"])])
        p.departments[1].digest = Self.monday
        var driver = driver([p], start: "2026-03-08T00:00")
        driver.advance(to: Fixtures.instant("2026-03-09T08:00"))
        #expect(driver.digestLog == ["2026-03-09T07:30 lanh-dao@example.gov.vn 2026-W11 1", "2026-03-09T07:30 \(Self.vp) 2026-W11 1"])
        #expect(driver.digestContents[0].sections[0].overdue.map(\.departments) == [["lanh-dao"]])
        driver.doneOwners[TaskKey(planID: "p", taskID: "shared")] = DoneOwners(departments: ["vp"])
        driver.advance(to: Fixtures.instant("2026-03-16T08:00"))
        #expect(Array(driver.digestLog.dropFirst(2)) == ["2026-03-16T07:30 lanh-dao@example.gov.vn 2026-W12 1"])
        #expect(driver.digestSkipped == ["\(Self.vp) 2026-W12 empty"])
    }

    @Test("no digest on a day off: a Wednesday of Tết moves it to the next working day; the next week's goes on its own day")
    func digestSkipsDaysOff() {
        let wednesday = DigestSettings(weekday: 3, at: TimeOfDay(hour: 7, minute: 30)!, advance: .keep)
        var driver = driver([plan(digest: wednesday, tasks: [task("a", due: "2026-02-27")])], start: "2026-02-11T08:00")
        driver.advance(to: Fixtures.instant("2026-02-28T00:00"))
        // Wed 18/02/2026 is mùng 2 Tết: week 8's digest goes out on Mon 23/02, the first working day after.
        #expect(driver.digestLog == ["2026-02-23T07:30 \(Self.vp) 2026-W08 1", "2026-02-25T07:30 \(Self.vp) 2026-W09 1"])
    }

    @Test("a digest on a Monday of Tết is superseded by the next week's, which goes out the same morning: one mail")
    func mondayOfTet() {
        var driver = driver([plan(tasks: [task("a", due: "2026-02-27")])], start: "2026-02-10T08:00")
        driver.advance(to: Fixtures.instant("2026-02-24T00:00"))
        #expect(driver.digestLog == ["2026-02-23T07:30 \(Self.vp) 2026-W09 1"])
    }

    @Test("the digest lists an overdue task only where the plan chases it: not with overdue: none, not after its until event")
    func onlyChasedOverdueTasks() {
        var base = plan(tasks: [
            task("chased", due: "2026-03-02"),
            task("not-chased", due: "2026-03-02", overdue: nil),
            task("preparation", due: "2026-03-02", overdue: OverdueRule(every: Offset(1, .workingDays), times: 2, until: "conference")),
        ])
        base.events["conference"] = PlanEvent(date: Fixtures.date("2026-03-05"))
        var driver = driver([base], start: "2026-03-08T00:00")
        driver.advance(to: Fixtures.instant("2026-03-09T08:00"))
        #expect(driver.digestContents.first?.sections.first?.overdue.map(\.task.id) == ["chased"])
    }

    @Test("on the digest's own day an advance reminder of a task it lists is not sent apart, even with advance: keep")
    func advanceReminderOnDigestDay() throws {
        let remind = [Offset(4, .days), Offset(0, .days)]
        let plan = plan(tasks: [task("soon", due: "2026-03-13", remind: remind), task("later", due: "2026-03-20", remind: [Offset(11, .days)])])
        let planner = ReminderPlanner(calendar: calendar)
        let soon = try #require(planner.instances(of: plan.task("soon")!, in: plan).first { $0.kind == .advance })
        let later = try #require(planner.instances(of: plan.task("later")!, in: plan).first { $0.kind == .advance })
        #expect(soon.day == Fixtures.date("2026-03-09") && later.day == Fixtures.date("2026-03-09"))
        // Monday 09/03 is the digest's day: it lists "soon" (due within its seven days), so no separate advance reminder;
        // "later" is due after its week, so its advance reminder goes out as usual.
        #expect(MailCopy.copies(of: soon, in: plan, done: DoneOwners(), perDepartment: true, calendar: calendar).isEmpty)
        #expect(MailCopy.copies(of: later, in: plan, done: DoneOwners(), perDepartment: true, calendar: calendar).map(\.department) == ["vp"])
    }

    @Test("a recurring task is listed as its occurrences: the open ones past due and the one due that week, by period")
    func occurrencesAreItems() throws {
        var monthly = PlanTask(id: "bao-cao-thang", title: "Báo cáo {{period}}", owners: ["vp"],
                               due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20), from: Fixtures.date("2027-01-01"))),
                               remind: [Offset(0, .days)], overdue: OverdueRule(every: Offset(1, .workingDays), times: 2))
        // 20/03/2027 is a Saturday: March is due Monday 22/03, the digest's own day.
        var driver = driver([plan(tasks: [monthly])], start: "2027-03-21T00:00")
        driver.advance(to: Fixtures.instant("2027-03-22T08:00"))
        let section = try #require(driver.digestContents.last?.sections.first)
        #expect(section.overdue.map(\.task.id) == ["bao-cao-thang+2027-01", "bao-cao-thang+2027-02"])
        #expect(section.coming.map(\.task.id) == ["bao-cao-thang+2027-03"])
        #expect(section.coming.map(\.task.title) == ["Báo cáo tháng 3/2027"])
        // Without overdue reminders the past occurrences have lapsed, and only the week's is listed.
        monthly.overdue = nil
        var lapsing = self.driver([plan(tasks: [monthly])], start: "2027-03-21T00:00")
        lapsing.advance(to: Fixtures.instant("2027-03-22T08:00"))
        #expect(lapsing.digestContents.last?.sections.first?.overdue.isEmpty == true)
    }
}

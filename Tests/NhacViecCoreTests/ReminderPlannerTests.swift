import Foundation
import NhacViecCore
import Testing
import TestSupport

struct ReminderPlannerTests {
    let planner = ReminderPlanner(calendar: WorkingCalendar(official: [Fixtures.official2026]))

    func dueDay(_ rule: DueRule, shift: Shift? = nil, event: String = "2025-12-20") -> TaskTiming {
        var task = Fixtures.task("t", due: rule)
        task.shift = shift
        return planner.timing(of: task, in: Fixtures.plan(event: event, tasks: [task]))
    }

    @Test("a deadline before an event that lands on a weekend moves earlier, never giving less notice")
    func beforeEventShiftsEarlier() {
        // Saturday 20/12/2025 - 7 days = Saturday 13/12 → Friday 12/12.
        #expect(dueDay(.relative(event: "conference", direction: .before, offset: Offset(7, .days))) == .due(Fixtures.date("2025-12-12")))
    }

    @Test("a deadline after an event that lands on a weekend moves to the next working day (Civil Code art. 148(5))")
    func afterEventShiftsLater() {
        // Saturday 20/12 + 8 days = Sunday 28/12 → Monday 29/12.
        #expect(dueDay(.relative(event: "conference", direction: .after, offset: Offset(8, .days))) == .due(Fixtures.date("2025-12-29")))
    }

    @Test("an explicit shift overrides the default", arguments: [
        (Shift.none, "2025-12-13"), (.later, "2025-12-15"), (.earlier, "2025-12-12"),
    ])
    func explicitShift(shift: Shift, expected: String) {
        #expect(dueDay(.relative(event: "conference", direction: .before, offset: Offset(7, .days)), shift: shift)
                == .due(Fixtures.date(expected)))
    }

    @Test("the event's own day is not counted in working days")
    func eventDayIsNotCounted() {
        // Monday 15/12/2025 + 1wd = Tuesday 16/12; + 5wd = Monday 22/12.
        #expect(dueDay(.relative(event: "conference", direction: .after, offset: Offset(1, .workingDays)), event: "2025-12-15")
                == .due(Fixtures.date("2025-12-16")))
        #expect(dueDay(.relative(event: "conference", direction: .after, offset: Offset(5, .workingDays)), event: "2025-12-15")
                == .due(Fixtures.date("2025-12-22")))
    }

    @Test("an absolute date on a holiday moves to the next working day")
    func absoluteDateShiftsLater() {
        #expect(dueDay(.absolute(Fixtures.date("2026-02-17"))) == .due(Fixtures.date("2026-02-23")))
    }

    @Test("a task depending on a tbd event is waiting, never guessed")
    func tbdEventWaits() {
        #expect(dueDay(.relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays))) == .waiting(event: "conclusion"))
        let task = Fixtures.task("t", due: .relative(event: "conclusion", direction: .after, offset: Offset(1, .days)))
        #expect(planner.instances(of: task, in: Fixtures.plan(tasks: [task])).isEmpty)
    }

    @Test("reminders on non-working days move earlier and two on one day become one")
    func remindersMergeOnOneDay() {
        // Due Monday 23/02/2026 (after Tết). 1wd before = Friday 13/02; 3d before = Friday 20/02 (Tết) → 13/02 too.
        let task = Fixtures.task("t", due: .absolute(Fixtures.date("2026-02-23")),
                                 remind: [Offset(1, .workingDays), Offset(3, .days), Offset(0, .days)])
        let days = planner.instances(of: task, in: Fixtures.plan(tasks: [task]))
            .map { "\($0.day.iso) \($0.kind.rawValue)" }
        #expect(days == ["2026-02-13 advance", "2026-02-23 due"])
    }

    @Test("overdue reminders repeat after the due day, and the escalation goes to its own recipients")
    func overdueAndEscalation() {
        let task = Fixtures.task("t", due: .absolute(Fixtures.date("2026-02-13")), remind: [Offset(0, .days)],
                                 overdue: OverdueRule(every: Offset(1, .workingDays), times: 2),
                                 escalate: EscalationRule(after: Offset(2, .workingDays), to: [.department("lanh-dao"), .address("x@example.gov.vn")]))
        let list = planner.instances(of: task, in: Fixtures.plan(tasks: [task]))
        #expect(list.map { "\($0.day.iso) \($0.kind.rawValue)" } == [
            "2026-02-13 due", "2026-02-23 overdue", "2026-02-24 overdue", "2026-02-24 escalation",
        ])
        #expect(list.last?.recipients == ["lanh-dao@example.gov.vn", "x@example.gov.vn"])
        #expect(list.first?.recipients == ["vp@example.gov.vn"])
    }

    @Test("send-at stays 07:30 local across a daylight-saving change")
    func daylightSavingKeepsLocalTime() {
        let task = Fixtures.task("t", due: .absolute(Fixtures.date("2026-03-30")), remind: [Offset(1, .workingDays), Offset(0, .days)])
        let plan = Fixtures.plan(zone: "Europe/Berlin", tasks: [task])
        let zone = TimeZone(identifier: "Europe/Berlin")!
        let stamps = planner.instances(of: task, in: plan).map { ISOTimestamp.string($0.at, zone: zone) }
        #expect(stamps == ["2026-03-27T07:30:00+01:00", "2026-03-30T07:30:00+02:00"])
    }

    @Test("a local time skipped by the spring-forward change moves forward")
    func skippedLocalTimeMovesForward() {
        let zone = TimeZone(identifier: "Europe/Berlin")!
        let at = LocalInstant.date(day: Fixtures.date("2026-03-29"), time: TimeOfDay(hour: 2, minute: 30)!, zone: zone)
        #expect(ISOTimestamp.string(at, zone: zone) == "2026-03-29T03:30:00+02:00")
    }
}

/// `until`: overdue reminders and escalations that stop at an event's day.
struct UntilEventTests {
    let planner = ReminderPlanner(calendar: WorkingCalendar(official: [Fixtures.official2026]))
    let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func days(until event: String?, conference: String = "2025-12-19") -> [String] {
        // Due Tuesday 16/12/2025; overdue on 17, 18, 19 and 22/12; escalation on 18/12.
        let task = Fixtures.task("t", due: .absolute(Fixtures.date("2025-12-16")),
                                 overdue: OverdueRule(every: Offset(1, .workingDays), times: 4, until: event),
                                 escalate: EscalationRule(after: Offset(2, .workingDays), to: [.department("lanh-dao")], until: event))
        return planner.instances(of: task, in: Fixtures.plan(event: conference, tasks: [task]))
            .map { "\($0.day.iso) \($0.kind.rawValue)" }
    }

    @Test("nothing overdue is sent after the until event's day; its day itself still gets one")
    func overdueStopsAfterEventDay() {
        #expect(days(until: "conference") == [
            "2025-12-16 due", "2025-12-17 overdue", "2025-12-18 overdue", "2025-12-18 escalation", "2025-12-19 overdue",
        ])
        #expect(days(until: nil).last == "2025-12-22 overdue")
    }

    @Test("an escalation that would fall after the until event's day is not sent")
    func escalationDropped() {
        #expect(days(until: "conference", conference: "2025-12-17") == ["2025-12-16 due", "2025-12-17 overdue"])
    }

    @Test("an until event still tbd sets no limit yet")
    func tbdSetsNoLimit() {
        #expect(days(until: "conclusion") == days(until: nil))
        #expect(days(until: "conclusion").count == 6)
    }
}

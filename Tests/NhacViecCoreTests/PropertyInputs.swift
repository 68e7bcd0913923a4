import NhacViecCore
import PropertyBased
import TestSupport

// Generators shared by the property tests: days of 2024–2030 (two official years inside, computed years
// around them) and random tasks of a plan. A failing case is reported by propertyCheck with its input and
// the seed that produced it, as `.fixedSeed("…")` to add to the test while reproducing it.

/// The calendar the office runs: the official 2025 and 2026 tables, every other year computed.
let officialCalendar = WorkingCalendar(official: [Fixtures.official2025, Fixtures.official2026])

/// The calendar computed for every year, official tables ignored.
let computedCalendar = WorkingCalendar()

/// The two calendars every calendar property is checked on, passed by name so that a failure shows the name
/// rather than a dump of every holiday from 1968 to 2100.
enum PropertyCalendar: String, CaseIterable, Sendable {
    /// The official 2025 and 2026 tables, other years computed.
    case official = "official 2025/2026"
    /// Every year computed.
    case computed = "computed only"

    /// The calendar itself.
    var calendar: WorkingCalendar { self == .official ? officialCalendar : computedCalendar }
}

/// The days the properties range over.
let propertyDays = Fixtures.date("2024-01-01").julianDay...Fixtures.date("2030-12-31").julianDay

/// Any day of 2024–2030.
let anyDay = Gen.int(in: propertyDays).map { LocalDate(julianDay: $0) }

/// An offset as a plan may write it, in calendar or working days.
let anyOffset = zip(Gen.int(in: 0...60), Gen.bool).map { Offset($0, $1 ? .workingDays : .days) }

/// A task of the test plan: a fixed date or an offset from its event, any shift, reminders, overdue and escalation.
let anyTask = zip(
    zip(Gen.bool, anyDay, Gen.bool, anyOffset),
    Gen.int(in: 0...3).map { (choice: Int) -> Shift? in choice == 0 ? nil : Shift.allCases[choice - 1] },
    anyOffset.array(of: 0...4),
    Gen.int(in: 0...3),
    Gen.int(in: 0...10)
).map { (due: (Bool, LocalDate, Bool, Offset), shift: Shift?, remind: [Offset], overdueTimes: Int, escalateAfter: Int) -> PlanTask in
    let (absolute, day, after, offset) = due
    let rule: DueRule = absolute ? .absolute(day) : .relative(event: "conference", direction: after ? .after : .before, offset: offset)
    return PlanTask(id: "t", title: "Việc", owners: ["vp"], due: rule, shift: shift, remind: remind,
                    overdue: overdueTimes == 0 ? nil : OverdueRule(every: Offset(1, .workingDays), times: overdueTimes),
                    escalate: escalateAfter == 0 ? nil : EscalationRule(after: Offset(escalateAfter, .days), to: [.department("lanh-dao")]))
}

/// A plan whose `conference` is on the given day, holding the one task.
func plan(conference: LocalDate, task: PlanTask) -> Plan {
    Plan(id: "p", title: "Kế hoạch thử", events: ["conference": PlanEvent(date: conference)],
         departments: [Fixtures.department("vp"), Fixtures.department("lanh-dao")], tasks: [task])
}

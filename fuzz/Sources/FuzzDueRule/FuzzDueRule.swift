import NhacViecConfig
import NhacViecCore

// Bytes become a `due:` text; when it parses, the due day is computed on the real calendar, under each
// shift, from an event placed on a day chosen by the input. Nothing may trap, including on overflow.

/// The calendar of the shipped configuration's years plus the computed ones around them.
let planner = ReminderPlanner(calendar: WorkingCalendar(official: [
    OfficialYear(year: 2025, daysOff: [LocalDate(year: 2025, month: 9, day: 2)!: "Quốc khánh"],
                 workingDays: [LocalDate(year: 2025, month: 4, day: 26)!: "Làm bù"]),
]))

/// The body run once per input: one text, one parse, and a due day for each shift when it parses.
///
/// Exported under libFuzzer's name too: `-sanitize=fuzzer` links the runtime's main object, which refers to
/// this symbol, although `main` itself stays SwiftPM's alias for main.swift, which calls the driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDueRule(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard case .success(let rule) = DueRuleParser.parse(String(decoding: bytes, as: UTF8.self)) else { return 0 }
    // The first two bytes pick the event's day across 1968-2100, where the loader lets events be.
    let spread = bytes.count >= 2 ? Int(bytes[0]) << 8 | Int(bytes[1]) : 0
    let eventDay = LocalDate(year: 1968, month: 1, day: 1)!.adding(days: spread % 48_577)
    var events: [String: PlanEvent] = [:]
    if let event = rule.event { events[event] = PlanEvent(date: eventDay) }
    // `skip` drops occurrences of a recurring rule, which a `due:` text never is (`check` refuses it here).
    for shift in [nil] + Shift.allCases.filter({ $0 != .skip }).map(Optional.some) {
        let task = PlanTask(id: "t", title: "Việc", owners: ["vp"], due: rule, shift: shift,
                            remind: [Offset(0, .days), Offset(3, .workingDays)])
        let plan = Plan(id: "p", title: "Kế hoạch", events: events,
                        departments: [Department(id: "vp", name: "Văn phòng", emails: ["vp@example.gov.vn"])],
                        tasks: [task])
        guard case .due(let day) = planner.timing(of: task, in: plan) else {
            fatalError("an event with a date left the task waiting: \(rule)")
        }
        if task.effectiveShift != .none && !planner.calendar.isWorkingDay(day) {
            fatalError("a shifted due day \(day) is not a working day: \(rule), shift \(task.effectiveShift)")
        }
        _ = planner.instances(of: task, in: plan)
    }
    return 0
}

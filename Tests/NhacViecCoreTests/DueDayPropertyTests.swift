import NhacViecCore
import PropertyBased
import Testing

struct DueDayPropertyTests {
    /// docs/plan-format.md: `shift: none`, and the default for a task on an event's own day (`event`,
    /// `event ± 0d`, `event ± 0wd`), keep the day as it is; every other rule moves it to a working day.
    @Test("every due day of a random task is a working day unless its shift in force is none", arguments: PropertyCalendar.allCases)
    func dueDaysAreWorkingDaysUnlessShiftIsNone(choice: PropertyCalendar) async {
        let name = choice.rawValue, calendar = choice.calendar
        let planner = ReminderPlanner(calendar: calendar)
        await propertyCheck(count: 300, input: anyDay, anyTask) { conference, task in
            guard case .due(let day) = planner.timing(of: task, in: plan(conference: conference, task: task)) else {
                Issue.record("\(name): a task whose event has a date is waiting")
                return
            }
            if task.effectiveShift == .none {
                #expect(task.shift == Shift.none || task.due.event != nil, "\(name): only event-day rules default to none")
            } else {
                #expect(calendar.isWorkingDay(day), "\(name): due \(day) (\(task.due), shift \(task.effectiveShift))")
            }
        }
    }

    @Test("a due day is never moved by more than the run of days off around it")
    func shiftMovesOnlyAcrossDaysOff() async {
        let planner = ReminderPlanner(calendar: officialCalendar)
        await propertyCheck(count: 300, input: anyDay, anyTask) { conference, task in
            var unshifted = task
            unshifted.shift = Shift.none
            let scenario = plan(conference: conference, task: task)
            guard case .due(let shifted) = planner.timing(of: task, in: scenario),
                  case .due(let raw) = planner.timing(of: unshifted, in: scenario) else { return }
            // Every day strictly between the raw and the shifted day is a day off; otherwise it shifted too far.
            let (low, high) = raw <= shifted ? (raw, shifted) : (shifted, raw)
            for julian in stride(from: low.julianDay + 1, to: high.julianDay, by: 1) {
                #expect(!officialCalendar.isWorkingDay(LocalDate(julianDay: julian)), "\(raw) moved to \(shifted)")
            }
        }
    }
}

import NhacViecCore
import PropertyBased
import Testing

struct WorkingDayCountPropertyTests {
    @Test("adding N working days to any day of 2024–2030 and counting back gives N, forward and backward",
          arguments: PropertyCalendar.allCases)
    func addingThenCountingGivesTheCount(choice: PropertyCalendar) async {
        let name = choice.rawValue, calendar = choice.calendar
        await propertyCheck(count: 300, input: anyDay, Gen.int(in: 0...400)) { day, count in
            let later = calendar.adding(workingDays: count, to: day)
            let earlier = calendar.adding(workingDays: count, to: day, forward: false)
            #expect(calendar.workingDays(from: day, to: later) == count, "\(name): \(day) + \(count)wd = \(later)")
            #expect(calendar.workingDays(from: day, to: earlier) == -count, "\(name): \(day) - \(count)wd = \(earlier)")
            // A working-day count other than zero always ends on a working day.
            if count > 0 { #expect(calendar.isWorkingDay(later) && calendar.isWorkingDay(earlier), "\(name): \(day) ± \(count)wd") }
        }
    }
}

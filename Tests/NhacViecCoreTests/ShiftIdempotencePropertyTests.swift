import NhacViecCore
import PropertyBased
import Testing

struct ShiftIdempotencePropertyTests {
    @Test("shifting a day to a working day and shifting the result again changes nothing, in both directions",
          arguments: PropertyCalendar.allCases)
    func shiftingTwiceIsShiftingOnce(choice: PropertyCalendar) async {
        let name = choice.rawValue, calendar = choice.calendar
        await propertyCheck(count: 300, input: anyDay, Gen.bool) { day, forward in
            let once = calendar.workingDay(from: day, movingForward: forward)
            #expect(calendar.workingDay(from: once, movingForward: forward) == once, "\(name): \(day), forward \(forward)")
            #expect(calendar.workingDay(from: once, movingForward: !forward) == once, "\(name): \(day), forward \(forward)")
            #expect(calendar.isWorkingDay(once), "\(name): \(day) shifted to \(once)")
            #expect(forward ? once >= day : once <= day, "\(name): \(day) shifted the wrong way to \(once)")
        }
    }
}

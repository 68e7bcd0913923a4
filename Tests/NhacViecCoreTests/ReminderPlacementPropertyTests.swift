import NhacViecCore
import PropertyBased
import Testing

struct ReminderPlacementPropertyTests {
    @Test("no advance or due-day reminder of a random task falls after its due day", arguments: PropertyCalendar.allCases)
    func advanceRemindersComeNoLaterThanTheDueDay(choice: PropertyCalendar) async {
        let name = choice.rawValue, calendar = choice.calendar
        let planner = ReminderPlanner(calendar: calendar)
        await propertyCheck(count: 300, input: anyDay, anyTask) { conference, task in
            let instances = planner.instances(of: task, in: plan(conference: conference, task: task))
            for reminder in instances where reminder.kind == .advance || reminder.kind == .due {
                #expect(reminder.day <= reminder.dueDay, "\(name): \(reminder.kind) on \(reminder.day) after due \(reminder.dueDay)")
            }
            // One reminder per offset at most (two on one day merge), so the list cannot grow past the offsets.
            #expect(instances.filter { $0.kind == .advance || $0.kind == .due }.count <= task.remind.count)
        }
    }

    @Test("every reminder of a random task, of any kind, lands on a working day", arguments: PropertyCalendar.allCases)
    func everyReminderIsOnAWorkingDay(choice: PropertyCalendar) async {
        let name = choice.rawValue, calendar = choice.calendar
        let planner = ReminderPlanner(calendar: calendar)
        await propertyCheck(count: 300, input: anyDay, anyTask) { conference, task in
            for reminder in planner.instances(of: task, in: plan(conference: conference, task: task)) {
                #expect(calendar.isWorkingDay(reminder.day), "\(name): \(reminder.kind) on \(reminder.day), due \(reminder.dueDay)")
            }
        }
    }
}

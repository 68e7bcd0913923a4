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

/// The scheduler plans from slots (days and kinds only); a send uses full instances. They must agree.
struct ReminderSlotPropertyTests {
    @Test("a random task's slots are its instances' days and kinds, in the same order", arguments: PropertyCalendar.allCases)
    func slotsMatchInstances(choice: PropertyCalendar) async {
        let planner = ReminderPlanner(calendar: choice.calendar)
        await propertyCheck(count: 300, input: anyDay, anyTask) { conference, task in
            let plan = plan(conference: conference, task: task)
            let instances = planner.instances(of: task, in: plan)
            guard case .due(let dueDay) = planner.timing(of: task, in: plan) else {
                #expect(instances.isEmpty)
                return
            }
            let slots = planner.slots(of: task, in: plan, dueDay: dueDay)
            #expect(slots == instances.map { ReminderSlot(day: $0.day, kind: $0.kind) })
            #expect(slots.map { $0.key(planID: plan.id, taskID: task.id) } == instances.map(\.key))
        }
    }

    @Test("a heap built from unordered wake-ups pops them in order")
    func heapFromUnordered() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 7, 64, 1000] {
            let values = (0..<count).map { _ in Int.random(in: -50...50, using: &generator) }
            var heap = MinHeap(unordered: values)
            var popped: [Int] = []
            while let next = heap.popMin() { popped.append(next) }
            #expect(popped == values.sorted())
        }
    }
}

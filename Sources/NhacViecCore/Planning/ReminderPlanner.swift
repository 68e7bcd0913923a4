import Foundation

/// Computes due days and reminder instances from a plan and the working-day calendar.
public struct ReminderPlanner: Sendable {
    /// The calendar that decides working days.
    public let calendar: WorkingCalendar

    /// Creates a planner.
    public init(calendar: WorkingCalendar) {
        self.calendar = calendar
    }

    /// Every reminder of the task in time order; empty while the task waits for an event, and for a recurring task,
    /// whose occurrences each have the reminders `slots(of:in:dueDay:)` gives for their due day.
    public func instances(of task: PlanTask, in plan: Plan) -> [ReminderInstance] {
        guard case .due(let dueDay) = timing(of: task, in: plan) else { return [] }
        let slots = slots(of: task, in: plan, dueDay: dueDay)
        guard !slots.isEmpty else { return [] }
        let owners = recipients(of: task.owners.map(Recipient.department), in: plan)
        // Owners on a weekly digest with `advance: drop` get no advance reminders: the digest lists the task.
        let advanceOwners = Self.advanceOwners(of: task, in: plan)
        let advanceTo = advanceOwners.count == task.owners.count ? owners
            : recipients(of: advanceOwners.map(Recipient.department), in: plan)
        let escalateTo = task.escalate.map { recipients(of: $0.to, in: plan) } ?? []
        return slots.map { slot in
            let to = slot.kind == .advance ? advanceTo : slot.kind == .escalation ? escalateTo : owners
            return ReminderInstance(planID: plan.id, taskID: task.id, kind: slot.kind, dueDay: dueDay, day: slot.day,
                                    at: LocalInstant.date(day: slot.day, time: plan.sendAt, zone: plan.timeZone), recipients: to)
        }
    }

    /// The days and kinds of a due task's reminders in time order: the instances without their recipients,
    /// which the scheduler plans millions of at a start.
    public func slots(of task: PlanTask, in plan: Plan, dueDay: LocalDate) -> [ReminderSlot] {
        var list: [ReminderSlot] = []
        list.reserveCapacity(task.remind.count + (task.overdue?.times ?? 0) + 1)
        let sendsAdvance = !Self.advanceOwners(of: task, in: plan).isEmpty
        for offset in task.remind {
            let kind: ReminderKind = offset.amount == 0 ? .due : .advance
            if kind == .advance && !sendsAdvance { continue }
            let day = calendar.workingDay(from: calendar.move(dueDay, by: offset, forward: false), movingForward: false)
            // Two offsets on one day make one reminder, of the weightier kind.
            if let same = list.firstIndex(where: { $0.day == day }) {
                if list[same].kind.rank < kind.rank { list[same].kind = kind }
                continue
            }
            list.append(ReminderSlot(day: day, kind: kind))
        }
        if let overdue = task.overdue {
            var previous = dueDay
            for _ in 0..<overdue.times {
                previous = laterWorkingDay(previous, by: overdue.every)
                guard isAllowed(previous, until: overdue.until, in: plan) else { break }
                list.append(ReminderSlot(day: previous, kind: .overdue))
            }
        }
        if let escalate = task.escalate {
            let day = laterWorkingDay(dueDay, by: escalate.after)
            if isAllowed(day, until: escalate.until, in: plan) { list.append(ReminderSlot(day: day, kind: .escalation)) }
        }
        list.sort { ($0.day, $0.kind.rank) < ($1.day, $1.kind.rank) }
        return list
    }

    /// The provisional days off that a task's days depend on: changing any of them could move a day.
    public func provisionalDependencies(of task: PlanTask, in plan: Plan) -> [Holiday] {
        // Recurring tasks: a rule that runs for years relies on every provisional year it reaches, so the warning would
        // say nothing; their occurrences are scheduled by the daemon, each on the calendar of its own year.
        if case .recurring = task.due { return [] }
        var days = instances(of: task, in: plan).map(\.day)
        if case .due(let due) = timing(of: task, in: plan) { days.append(due) }
        if let event = task.due.event, let base = plan.events[event]?.date { days.append(base) }
        if case .absolute(let date) = task.due { days.append(date) }
        guard let first = days.min(), let last = days.max() else { return [] }
        return calendar.provisionalDaysOff(from: first, through: last)
    }

    /// The owners that get individual advance reminders: all but those on a digest with `advance: drop`.
    public static func advanceOwners(of task: PlanTask, in plan: Plan) -> [String] {
        guard plan.digest?.advance == .drop || plan.departments.contains(where: \.dropsAdvanceReminders) else { return task.owners }
        return task.owners.filter { !(plan.department($0)?.dropsAdvanceReminders ?? false) }
    }

    /// Sorted, distinct addresses of departments (with their copies) and plain addresses.
    public func recipients(of list: [Recipient], in plan: Plan) -> [String] { plan.addresses(of: list) }

    /// Whether a day is on or before its `until` event's day; an event still `tbd` sets no limit yet.
    private func isAllowed(_ day: LocalDate, until event: String?, in plan: Plan) -> Bool {
        guard let event, let last = plan.events[event]?.date else { return true }
        return day <= last
    }

    private func laterWorkingDay(_ day: LocalDate, by offset: Offset) -> LocalDate {
        calendar.workingDay(from: calendar.move(day, by: offset, forward: true), movingForward: true)
    }
}

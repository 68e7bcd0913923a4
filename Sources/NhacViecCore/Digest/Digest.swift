import Foundation

/// When one address's weekly digest goes out: a weekday and a local time in a zone.
public struct DigestSlot: Hashable, Sendable {
    /// The ISO weekday, 1 (Monday) to 7 (Sunday).
    public var weekday: Int
    /// The local time of day.
    public var at: TimeOfDay
    /// The zone of the plan that set it.
    public var zone: TimeZone

    /// Creates a slot.
    public init(weekday: Int, at: TimeOfDay, zone: TimeZone) {
        self.weekday = weekday
        self.at = at
        self.zone = zone
    }

    /// The day of this slot in the ISO week of `day`.
    public func day(inWeekOf day: LocalDate) -> LocalDate { ISOWeek.monday(of: day).adding(days: weekday - 1) }

    /// The instant of the slot on `day`.
    public func instant(on day: LocalDate) -> Date { LocalInstant.date(day: day, time: at, zone: zone) }

    /// The day the digest of the week of `day` goes out: its weekday, or the next working day when that one is off
    /// (a Monday of Tết sends it on the first working day after). Digests are office mail: never on a day off.
    public func sendDay(inWeekOf day: LocalDate, calendar: WorkingCalendar) -> LocalDate {
        calendar.workingDay(from: self.day(inWeekOf: day), movingForward: true)
    }

    /// The Monday of the latest week whose digest goes out at or before `now` (weeks whose day off pushed their digest
    /// past `now` are not yet due).
    public func latestWeek(atOrBefore now: Date, calendar: WorkingCalendar) -> LocalDate {
        let thisWeek = ISOWeek.monday(of: LocalInstant.day(of: now, zone: zone))
        // Three weeks back covers the longest run of days off (Tết: nine days).
        for back in 0...3 {
            let monday = thisWeek.adding(days: -7 * back)
            if instant(on: sendDay(inWeekOf: monday, calendar: calendar)) <= now { return monday }
        }
        return thisWeek.adding(days: -28)
    }

    /// Whether this slot comes earlier in the week than `other` (weekday, then local time).
    func isEarlier(than other: DigestSlot) -> Bool {
        (weekday, at.hour, at.minute) < (other.weekday, other.at.hour, other.at.minute)
    }
}

/// One week's digest of one address: the unit the ledger records (`digest/ADDRESS/YYYY-Www`).
public struct DigestInstance: Hashable, Sendable {
    /// The recipient address, lower case.
    public var address: String
    /// The local day it is (or was meant to be) sent.
    public var day: LocalDate
    /// The instant it is (or was meant to be) sent.
    public var at: Date
    /// The zone of the plan whose slot it follows: its day and times are read there.
    public var zone: TimeZone
    /// The ISO week it is the digest of; its `day` may fall in the next week when the slot's day was off.
    public var week: ISOWeek

    /// Creates an instance; `week` defaults to the week of `day`.
    public init(address: String, day: LocalDate, at: Date, zone: TimeZone, week: ISOWeek? = nil) {
        self.address = address
        self.day = day
        self.at = at
        self.zone = zone
        self.week = week ?? ISOWeek(day)
    }

    /// `digest/ADDRESS/YYYY-Www`: one per address and week, for good.
    public var key: String { Self.key(address: address, week: week) }

    /// The key of an address's digest of a week.
    public static func key(address: String, week: ISOWeek) -> String { "digest/\(address)/\(week)" }

    /// The week of a digest key, or nil when it is not one.
    public static func parse(key: String) -> (address: String, week: ISOWeek)? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "digest" else { return nil }
        let week = parts[2].split(separator: "-")
        guard week.count == 2, let year = Int(week[0]), week[1].hasPrefix("W"), let number = Int(week[1].dropFirst()) else { return nil }
        var parsed = ISOWeek(LocalDate(year: year, month: 1, day: 4)!)
        parsed.week = number
        return (String(parts[1]), parsed)
    }
}

/// Who is on a weekly digest, from the plans: each address of a department with a digest in force
/// (its `email` and `cc`), and the plan departments it covers.
public enum DigestRoster {
    /// Every address on a digest, sorted, with its slot. An address on digests of several plans (or
    /// departments) gets one digest, at the earliest slot of the week among them (weekday, then local
    /// time; on a tie, the first plan's zone).
    public static func slots(of plans: [Plan]) -> [(address: String, slot: DigestSlot)] {
        var slots: [String: DigestSlot] = [:]
        for plan in plans {
            for department in plan.departments {
                guard let digest = department.digest else { continue }
                let slot = DigestSlot(weekday: digest.weekday, at: digest.at, zone: plan.timeZone)
                for address in addresses(of: department) {
                    if let known = slots[address], !slot.isEarlier(than: known) { continue }
                    slots[address] = slot
                }
            }
        }
        return slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The departments of each plan whose digest goes to `address`, in plan and file order.
    public static func memberships(of address: String, in plans: [Plan]) -> [(plan: Plan, departments: [String])] {
        plans.compactMap { plan in
            let ids = plan.departments.filter { $0.digest != nil && addresses(of: $0).contains(address) }.map(\.id)
            return ids.isEmpty ? nil : (plan, ids)
        }
    }

    /// A department's addresses, lower case: where its reminders (and so its digest) go.
    static func addresses(of department: Department) -> Set<String> {
        Set((department.emails + department.cc).map { $0.lowercased() })
    }
}

/// One task in a digest.
public struct DigestItem: Hashable, Sendable {
    /// The task.
    public var task: PlanTask
    /// Its due day.
    public var dueDay: LocalDate
    /// The owner departments on this digest that have not reported it done, in the task's order.
    public var departments: [String]
    /// Whether its due day is before the digest's day.
    public var isOverdue: Bool
}

/// One plan's part of a digest.
public struct DigestSection: Hashable, Sendable {
    /// The plan.
    public var plan: Plan
    /// Overdue tasks, oldest first.
    public var overdue: [DigestItem]
    /// Tasks due in the 7 days from the digest's day, in due order.
    public var coming: [DigestItem]
}

/// What one week's digest of one address lists: grouped by plan, its tasks due in the 7 days from the
/// digest's day, and everything overdue that the address's departments have not reported done.
public struct DigestContent: Hashable, Sendable {
    /// The digest.
    public var instance: DigestInstance
    /// The plans with something to list, in plan order.
    public var sections: [DigestSection]

    /// How many tasks it lists.
    public var taskCount: Int { sections.reduce(0) { $0 + $1.overdue.count + $1.coming.count } }

    /// The last day of the coming week it covers.
    public var lastDay: LocalDate { instance.day.adding(days: 6) }

    /// Computes the content from the plans and each task's done owners (read from the ledger at send time).
    public static func make(for instance: DigestInstance, plans: [Plan], planner: ReminderPlanner,
                            done: (TaskKey) throws -> DoneOwners) rethrows -> DigestContent {
        let first = instance.day, last = instance.day.adding(days: 6)
        var sections: [DigestSection] = []
        for (plan, departments) in DigestRoster.memberships(of: instance.address, in: plans) {
            var overdue: [DigestItem] = [], coming: [DigestItem] = []
            // A recurring task is listed as its occurrences of the last year and the week: each open one is an item.
            let tasks = plan.withOccurrences(dueFrom: first.adding(days: -OccurrenceWindow.days), through: last,
                                             calendar: planner.calendar).tasks
            for task in tasks {  // in file order; the sorts below keep it for tasks due the same day
                let mine = task.owners.filter(departments.contains)
                guard !mine.isEmpty, case .due(let dueDay) = planner.timing(of: task, in: plan), dueDay <= last,
                      dueDay >= first || isChased(task, in: plan, on: first) else { continue }
                let pending = try done(TaskKey(planID: plan.id, taskID: task.id)).pending(of: mine)
                guard !pending.isEmpty else { continue }
                let item = DigestItem(task: task, dueDay: dueDay, departments: pending, isOverdue: dueDay < first)
                if item.isOverdue { overdue.append(item) } else { coming.append(item) }
            }
            guard !overdue.isEmpty || !coming.isEmpty else { continue }
            func inOrder(_ items: [DigestItem]) -> [DigestItem] {
                items.enumerated().sorted { ($0.element.dueDay, $0.offset) < ($1.element.dueDay, $1.offset) }.map(\.element)
            }
            sections.append(DigestSection(plan: plan, overdue: inOrder(overdue), coming: inOrder(coming)))
        }
        return DigestContent(instance: instance, sections: sections)
    }

    /// Whether the plan still chases an overdue task on `day`: not with `overdue: none` (an occurrence with it has
    /// lapsed), and not after the day of the event its overdue reminders stop at (`until: conference`: preparation
    /// for a conference that has taken place).
    static func isChased(_ task: PlanTask, in plan: Plan, on day: LocalDate) -> Bool {
        guard let overdue = task.overdue else { return false }
        guard let until = overdue.until, let last = plan.events[until]?.date else { return true }
        return day <= last
    }
}

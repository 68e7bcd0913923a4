import Foundation

/// What `nhacviec schedule` prints: every reminder instance in a window, in time order, then waiting tasks.
/// `NhacViecOutput` writes it as JSON lines or a table.
///
/// A million reminders must fit in little memory, so each is kept as a compact row, recipient lists
/// are shared between the tasks that have the same ones, and text is made only while writing.
public struct SchedulePreview: Sendable {
    /// A plan's id and zone.
    public struct PlanInfo: Sendable {
        /// The plan's id.
        public var id: String
        /// The plan's zone.
        public var zone: TimeZone
    }

    /// A task: its plan's number, its id, and the numbers of its recipient lists.
    public struct TaskInfo: Sendable {
        /// Index into `plans`.
        public var plan: Int32
        /// The task's id.
        public var taskID: String
        /// Index into `recipientLists` of the owners' addresses.
        public var owners: Int32
        /// Index into `recipientLists` of the escalation's addresses.
        public var escalation: Int32
    }

    /// One reminder instance, compactly.
    public struct Row: Sendable {
        /// The instant, seconds since 1970.
        public var at: Double
        /// Index into `tasks`.
        public var task: Int32
        /// The local day, as a julian day.
        public var day: Int32
        /// The due day, as a julian day.
        public var dueDay: Int32
        /// What kind of reminder.
        public var kind: ReminderKind
    }

    /// One week's digest of one address, in the window: it is sent when it has something to list, so only
    /// those that list at least one task (counting none as done) appear.
    public struct DigestRow: Sendable {
        /// The instant, seconds since 1970.
        public var at: Double
        /// The local day, as a julian day.
        public var day: Int32
        /// The address.
        public var address: String
        /// How many tasks it would list: those due in its 7 days and those overdue, none being done.
        public var tasks: Int32
        /// The zone of its slot.
        public var zone: TimeZone
        /// How many reminder rows come before it: it is written after every reminder of the same instant.
        public var position: Int
    }

    /// One plan's part, computed on its own core.
    private struct Part: Sendable {
        var tasks: [(taskID: String, owners: [String], escalation: [String])] = []
        var rows: [Row] = []
        var waiting: [(task: Int32, event: String)] = []
    }

    /// The plans, in the order given.
    public private(set) var plans: [PlanInfo] = []
    /// Every task of every plan.
    public private(set) var tasks: [TaskInfo] = []
    /// Distinct recipient lists, shared between tasks.
    public private(set) var recipientLists: [[String]] = []
    /// The reminders in the window, in time order.
    public private(set) var rows: [Row] = []
    /// Tasks waiting for an event, with the event.
    public private(set) var waiting: [(task: Int32, event: String)] = []
    /// The weekly digests in the window, in time order.
    public private(set) var digests: [DigestRow] = []

    /// Computes the preview for instances whose local day lies in `from...to` (either end open when nil).
    public init(plans source: [Plan], calendar: WorkingCalendar, from: LocalDate?, to: LocalDate?) {
        let planner = ReminderPlanner(calendar: calendar)
        var parts = ParallelMap.map(source) { Self.part(of: $0, planner: planner, from: from, to: to) }
        var listIndex: [[String]: Int32] = [:]
        func intern(_ list: [String]) -> Int32 {
            if let known = listIndex[list] { return known }
            let index = Int32(recipientLists.count)
            recipientLists.append(list)
            listIndex[list] = index
            return index
        }
        rows.reserveCapacity(parts.reduce(0) { $0 + $1.rows.count })
        for p in parts.indices {
            let part = parts[p]
            parts[p] = Part()  // each part is freed once merged, so the rows are never held twice
            let plan = source[p]
            plans.append(PlanInfo(id: plan.id, zone: plan.timeZone))
            let base = Int32(tasks.count)
            for task in part.tasks {
                tasks.append(TaskInfo(plan: Int32(p), taskID: task.taskID, owners: intern(task.owners), escalation: intern(task.escalation)))
            }
            for var row in part.rows {
                row.task += base
                rows.append(row)
            }
            waiting += part.waiting.map { ($0.task + base, $0.event) }
        }
        // Ties at one instant are ordered by plan and task id: rank the tasks once rather than compare strings.
        let tasks = tasks, plans = plans
        let order = tasks.indices.sorted {
            let a = tasks[$0], b = tasks[$1]
            return (plans[Int(a.plan)].id, a.taskID) < (plans[Int(b.plan)].id, b.taskID)
        }
        var rank = [Int32](repeating: 0, count: tasks.count)
        for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        rows.sort { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.task != b.task { return rank[Int(a.task)] < rank[Int(b.task)] }
            return a.kind.rank < b.kind.rank
        }
        digests = Self.digestRows(of: source, planner: planner, from: from ?? rows.first.map { LocalDate(julianDay: Int($0.day)) },
                                  to: to ?? rows.last.map { LocalDate(julianDay: Int($0.day)) }, rows: rows)
    }

    /// Every address's weekly digest from `from` through `to`, with its task count; none without a window.
    private static func digestRows(of plans: [Plan], planner: ReminderPlanner, from: LocalDate?, to: LocalDate?,
                                   rows: [Row]) -> [DigestRow] {
        let roster = DigestRoster.slots(of: plans)
        guard !roster.isEmpty, let from, let to else { return [] }
        var result: [DigestRow] = []
        for (address, slot) in roster {
            // Week by week, on the digest's working day, listing what the daemon's digest would list (nothing done yet).
            var monday = ISOWeek.monday(of: from).adding(days: -7)
            while monday <= to {
                let day = slot.sendDay(inWeekOf: monday, calendar: planner.calendar)
                let instance = DigestInstance(address: address, day: day, at: slot.instant(on: day), zone: slot.zone, week: ISOWeek(monday))
                monday = monday.adding(days: 7)
                // A day off that pushes a week's digest to the next week's day makes the next week's supersede it.
                guard day >= from, day <= to, day < slot.sendDay(inWeekOf: monday, calendar: planner.calendar) else { continue }
                let count = DigestContent.make(for: instance, plans: plans, planner: planner) { _ in DoneOwners() }.taskCount
                if count > 0 {
                    result.append(DigestRow(at: instance.at.timeIntervalSince1970, day: Int32(day.julianDay), address: address,
                                            tasks: Int32(count), zone: slot.zone, position: 0))
                }
            }
        }
        result.sort { ($0.at, $0.address) < ($1.at, $1.address) }
        for index in result.indices {
            // The number of rows at or before its instant, by binary search on the sorted rows.
            var low = 0, high = rows.count
            while low < high {
                let middle = (low + high) / 2
                if rows[middle].at <= result[index].at { low = middle + 1 } else { high = middle }
            }
            result[index].position = low
        }
        return result
    }

    private static func part(of source: Plan, planner: ReminderPlanner, from: LocalDate?, to: LocalDate?) -> Part {
        var part = Part()
        let plan = occurrences(of: source, planner: planner, from: from, to: to)
        var lists: [[String]: [String]] = [:]  // one copy of each recipient list of the plan
        func shared(_ list: [String]) -> [String] {
            if let known = lists[list] { return known }
            lists[list] = list
            return list
        }
        for task in plan.tasks {
            let index = Int32(part.tasks.count)
            let owners = shared(planner.recipients(of: task.owners.map(Recipient.department), in: plan))
            let escalation = shared(task.escalate.map { planner.recipients(of: $0.to, in: plan) } ?? [])
            part.tasks.append((task.id, owners, escalation))
            switch planner.timing(of: task, in: plan) {
            case .waiting(let event):
                part.waiting.append((index, event))
                continue
            case .recurring:
                continue  // never left: `occurrences(of:planner:from:to:)` put its occurrences in its place
            case .due:
                break
            }
            let advanceOwners = ReminderPlanner.advanceOwners(of: task, in: plan)
            for instance in planner.instances(of: task, in: plan) {
                if let from, instance.day < from { continue }
                if let to, instance.day > to { continue }
                // An advance reminder the weekly digest of every owner carries that day is not sent on its own.
                if instance.kind == .advance,
                   advanceOwners.allSatisfy({ MailCopy.isInDigest(instance, of: $0, in: plan, calendar: planner.calendar) }) {
                    continue
                }
                part.rows.append(Row(at: instance.at.timeIntervalSince1970, task: index, day: Int32(instance.day.julianDay),
                                     dueDay: Int32(instance.dueDay.julianDay), kind: instance.kind))
            }
        }
        return part
    }

    /// The plan with each recurring task replaced by its occurrences whose reminders can fall in the window: a
    /// quarter of a year on either side of it, up to `to`, or a year after `from` when the window is open
    /// (`OccurrenceWindow`), so that a rule that runs to 2100 lists one year.
    static func occurrences(of plan: Plan, planner: ReminderPlanner, from: LocalDate?, to: LocalDate?) -> Plan {
        guard plan.hasRecurringTasks else { return plan }
        let start = from ?? LocalDate(year: StatutoryHolidays.firstYear, month: 1, day: 1)!
        let end = to ?? (from ?? start).adding(days: OccurrenceWindow.days)
        return plan.withOccurrences(dueFrom: start.adding(days: -92), through: end.adding(days: 92),
                                    calendar: planner.calendar)
    }
}

import Foundation

/// The daemon's state machine: it keeps only the next reminder of each task stream in a priority
/// queue, takes `now` as a parameter, and returns actions instead of performing them.
///
/// Each task has two streams, owner reminders and the escalation, so a missed escalation is never
/// superseded by an owner's overdue reminder. Streams live in a flat array indexed by task, and a
/// stream holds only its cursor and its next instant: memory grows with tasks, not with reminders.
public struct Scheduler: Sendable {
    struct Stream: Sendable {
        static let noDay = Int32.min
        /// The next instance's instant (seconds since 1970), or nan when there is none.
        var nextAt = Double.nan
        /// The julian day of the last handled instance, or `noDay`.
        var cursor = noDay
        var generation: UInt32 = 0
    }

    struct Wakeup: Comparable, Sendable {
        var at: Double
        var stream: Int32
        var generation: UInt32
        static func < (a: Wakeup, b: Wakeup) -> Bool { (a.at, a.stream) < (b.at, b.stream) }
    }

    private var planner: ReminderPlanner
    /// The tunables in force; a reload may change them.
    public var policy: SchedulerPolicy
    private var plans: [Plan] = []
    /// Tasks are numbered plan by plan: task `t` of plan `p` is `taskBase[p] + t`. No per-task key is
    /// stored; a key is rebuilt from the plan and the task when needed.
    private var taskBase: [Int32] = []
    private var taskPlans: [Int32] = []
    /// Each task's due day as a julian day, or `Stream.noDay` while it waits for an event.
    private var dueDays: [Int32] = []
    private var planIndex: [String: Int32] = [:]
    private var streams: [Stream] = []
    private var retries: [Int32: (delivery: Delivery, at: Date)] = [:]
    private var inFlight: [Int32: Delivery] = [:]
    private var wakeups = MinHeap<Wakeup>()
    private var done: Set<TaskKey> = []
    /// True while a reload's catch-up runs: what falls due then was moved by the reload, not missed.
    private var loadingAfterReload = false

    /// Creates an empty scheduler.
    public init(planner: ReminderPlanner, policy: SchedulerPolicy = SchedulerPolicy()) {
        self.planner = planner
        self.policy = policy
    }

    /// A scheduler with this one's planner and policy and nothing loaded: what a reload prepares from on another
    /// thread, sharing none of this one's arrays (a shared array is copied whole at its next write here).
    public func blank() -> Scheduler { Scheduler(planner: planner, policy: policy) }

    /// The instant the timer must be armed for, if anything is pending.
    public var nextWakeup: Date? {
        mutating get {
            dropStaleWakeups()
            return wakeups.min.map { Date(timeIntervalSince1970: $0.at) }
        }
    }

    /// Replaces the plans (at start and on reload) and returns what is due now, catch-up rules applied.
    /// After a reload, a reminder already past its instant fell due because a date moved: it is sent,
    /// but not as one missed while the daemon was down.
    public mutating func load(plans newPlans: [Plan], calendar: WorkingCalendar? = nil, records: [TaskKey: TaskRecord],
                              now: Date, afterReload: Bool = false) -> [SchedulerAction] {
        let fresh = prepared(plans: newPlans, calendar: calendar, records: records)
        return adopt(fresh, handledSince: [], now: now, afterReload: afterReload)
    }

    /// The first half of a load, which may run on any thread: a scheduler for the new plans with every
    /// stream's cursor from the ledger's records, and nothing in flight. It reads nothing of `self` but the
    /// planner and policy, so a reload can plan millions of tasks while this scheduler keeps sending.
    /// Plans are worked out on every core (`ParallelMap`), and only each stream's next instant is computed.
    public func prepared(plans newPlans: [Plan], calendar: WorkingCalendar? = nil, records: [TaskKey: TaskRecord]) -> Scheduler {
        var fresh = Scheduler(planner: calendar.map { ReminderPlanner(calendar: $0) } ?? planner, policy: policy)
        fresh.index(newPlans)
        // The workers see the plans and the planner only: a copy of `fresh` would make the writes below copy its arrays.
        let planner = fresh.planner
        let planned = ParallelMap.map(fresh.plans) { plan in Self.planTasks(of: plan, planner: planner, records: records) }
        var wakeups: [Wakeup] = []
        wakeups.reserveCapacity(fresh.taskPlans.count)
        for (p, tasks) in planned.enumerated() {
            let base = Int(fresh.taskBase[p])
            for (i, task) in tasks.enumerated() {
                let t = base + i
                fresh.dueDays[t] = task.dueDay
                if task.isDone { fresh.done.insert(fresh.taskKey(Int32(t))) }
                for escalation in 0...1 {
                    let stream = escalation == 1 ? task.escalation : task.owners
                    guard stream.exists else { continue }
                    let s = t * 2 + escalation
                    fresh.streams[s] = Stream(nextAt: stream.nextAt, cursor: stream.cursor, generation: 1)
                    if !stream.nextAt.isNaN { wakeups.append(Wakeup(at: stream.nextAt, stream: Int32(s), generation: 1)) }
                }
            }
        }
        fresh.wakeups = MinHeap(unordered: wakeups)
        return fresh
    }

    /// Each task of the plan: its due day, whether it is done, and each stream's cursor and next instant.
    private static func planTasks(of plan: Plan, planner: ReminderPlanner, records: [TaskKey: TaskRecord]) -> [PlannedTask] {
        var instants = SendInstants(zone: plan.timeZone, time: plan.sendAt)
        var planned: [PlannedTask] = []
        planned.reserveCapacity(plan.tasks.count)
        for task in plan.tasks {
            let record = records.isEmpty ? nil : records[TaskKey(planID: plan.id, taskID: task.id)]
            let isDone = record?.done.isComplete(owners: task.owners) ?? false
            guard case .due(let dueDay) = planner.timing(of: task, in: plan) else {
                planned.append(PlannedTask(dueDay: Stream.noDay, isDone: isDone, owners: .absent, escalation: .absent))
                continue
            }
            let slots = planner.slots(of: task, in: plan, dueDay: dueDay)
            let handled = record?.handledKeys ?? []
            func stream(escalation: Bool) -> PlannedTask.StreamStart {
                let list = slots.filter { ($0.kind == .escalation) == escalation }
                guard !list.isEmpty else { return .absent }
                let cursor = handled.isEmpty ? Stream.noDay
                    : list.last(where: { handled.contains($0.key(planID: plan.id, taskID: task.id)) }).map { Int32($0.day.julianDay) } ?? Stream.noDay
                let next = list.first { Int32($0.day.julianDay) > cursor }
                return PlannedTask.StreamStart(exists: true, cursor: cursor, nextAt: next.map { instants.at($0.day) } ?? .nan)
            }
            planned.append(PlannedTask(dueDay: Int32(dueDay.julianDay), isDone: isDone, owners: stream(escalation: false),
                                       escalation: stream(escalation: true)))
        }
        return planned
    }

    /// The second half of a load, on the scheduler's queue and quick: takes over a prepared scheduler,
    /// carrying this one's retries and sends in flight, and moving past the instances handled since the
    /// prepared one read the ledger; then returns what is due now.
    public mutating func adopt(_ fresh: Scheduler, handledSince: [ReminderInstance], now: Date,
                               afterReload: Bool = false) -> [SchedulerAction] {
        let carried = carryOver()
        self = fresh
        for instance in handledSince { take(instance, retry: nil, inFlight: nil) }
        for entry in carried.retries { take(entry.retry.delivery.instance, retry: entry.retry, inFlight: nil) }
        for entry in carried.inFlight { take(entry.delivery.instance, retry: nil, inFlight: entry.delivery) }
        loadingAfterReload = afterReload
        defer { loadingAfterReload = false }
        return fire(now: now)
    }

    /// Moves a stream's cursor past an instance that is handled, retried or being sent: it is taken, even
    /// though the ledger the prepared scheduler read does not say so yet.
    private mutating func take(_ instance: ReminderInstance, retry: (delivery: Delivery, at: Date)?, inFlight delivery: Delivery?) {
        guard let t = taskNumber(instance.taskKey) else { return }
        let s = t * 2 + (instance.kind == .escalation ? 1 : 0)
        let list = instances(of: s)
        guard list.contains(where: { $0.key == instance.key }) else { return }
        streams[Int(s)].cursor = max(streams[Int(s)].cursor, Int32(instance.day.julianDay))
        if let retry { retries[s] = retry }
        if let delivery {
            inFlight[s] = delivery
            streams[Int(s)].nextAt = .nan
            streams[Int(s)].generation &+= 1
        } else {
            schedule(s, list: list)
        }
    }

    /// Everything due at `now`: one send per stream, older missed instances skipped.
    public mutating func fire(now: Date) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        let limit = now.timeIntervalSince1970
        while let top = wakeups.min, top.at <= limit {
            _ = wakeups.popMin()
            guard streams[Int(top.stream)].generation == top.generation, inFlight[top.stream] == nil else { continue }
            actions += dispatch(top.stream, now: now)
        }
        return actions
    }

    /// Takes the outcome of a send and returns the follow-up actions.
    public mutating func complete(_ delivery: Delivery, outcome: DeliveryOutcome, now: Date) -> [SchedulerAction] {
        guard let t = taskNumber(delivery.instance.taskKey) else { return outcomeRecord(delivery, outcome: outcome) }
        let s = t * 2 + (delivery.instance.kind == .escalation ? 1 : 0)
        guard inFlight[s]?.instance.key == delivery.instance.key else { return outcomeRecord(delivery, outcome: outcome) }
        inFlight[s] = nil
        let day = Int32(delivery.instance.day.julianDay)
        var actions: [SchedulerAction] = []
        switch outcome {
        case .sent:
            streams[Int(s)].cursor = day
            actions.append(.delivered(delivery))
        case .cancelled:
            return []
        case .storeUnavailable(let reason):
            // Not an attempt: nothing left, so it neither counts nor gives up; it waits for the store.
            let at = now.addingTimeInterval(policy.retry.initialDelay)
            retries[s] = (delivery, at)
            actions.append(.deferred(delivery, retryAt: at, reason: reason))
        case .taskDone:
            done.insert(delivery.instance.taskKey)
            streams[Int(s)].cursor = day
            // Recorded, so that a reopen followed by a restart does not send it late.
            actions.append(.skip(delivery.instance, .taskDone))
        case .permanentFailure(let reason), .refused(let reason):
            streams[Int(s)].cursor = day
            actions.append(.failed(delivery, reason: reason))
        case .temporaryFailure(let reason):
            if let at = policy.retry.nextAttempt(afterAttempt: delivery.attempt, firstAttemptAt: delivery.firstAttemptAt, now: now) {
                var next = delivery
                next.attempt += 1
                retries[s] = (next, at)
                actions.append(.deferred(delivery, retryAt: at, reason: reason))
            } else {
                streams[Int(s)].cursor = day
                actions.append(.failed(delivery, reason: "gave up after \(delivery.attempt) attempts: \(reason)"))
            }
        }
        schedule(s, list: nil)
        return actions + fire(now: now)
    }

    /// How many streams have something pending, and the earliest pending instance.
    public func summary(now: Date) -> SchedulerSummary {
        var earliest: (at: Double, stream: Int32)?
        var pending = 0
        let today = plans.map { LocalInstant.day(of: now, zone: $0.timeZone) }
        for (index, stream) in streams.enumerated() {
            let s = Int32(index)
            let at = retries[s].map { $0.at.timeIntervalSince1970 } ?? stream.nextAt
            guard !at.isNaN else { continue }
            pending += 1
            if earliest == nil || at < earliest!.at { earliest = (at, s) }
        }
        var overdue = 0
        for t in taskPlans.indices where isOverdue(Int32(t), today: today[Int(taskPlans[t])]) { overdue += 1 }
        let next = earliest.flatMap { entry in retries[entry.stream]?.delivery.instance ?? nextInstance(of: entry.stream) }
        return SchedulerSummary(next: next, pending: pending, overdue: overdue)
    }

    // MARK: - Internals

    /// Whether the task is overdue by the one definition `status` uses too (`TaskState`), from the cached due day.
    /// The done set, keyed by strings, is looked up only for tasks past their due day: the STATUS line is
    /// refreshed every second of a burst, over every task.
    private func isOverdue(_ t: Int32, today: LocalDate) -> Bool {
        let day = dueDays[Int(t)]
        guard day != Stream.noDay, day < Int32(today.julianDay) else { return false }
        let timing = TaskTiming.due(LocalDate(julianDay: Int(day)))
        return TaskState(timing: timing, isDone: done.contains(taskKey(t)), today: today) == .overdue
    }

    private mutating func dispatch(_ s: Int32, now: Date) -> [SchedulerAction] {
        let list = instances(of: s)
        let cursor = streams[Int(s)].cursor
        let missed = list.filter { Int32($0.day.julianDay) > cursor && $0.at <= now }
        var actions: [SchedulerAction] = []
        var delivery: Delivery?
        if let latest = missed.last, latest.key != retries[s]?.delivery.instance.key {
            if let retry = retries[s] { actions.append(.skip(retry.delivery.instance, .superseded)) }
            retries[s] = nil
            actions += missed.dropLast().map { .skip($0, .superseded) }
            let overdueBy = now.timeIntervalSince(latest.at)
            if let start = policy.historyStartsAt, latest.at < start {
                actions.append(.skip(latest, .historyLost))
            } else if overdueBy > policy.catchUpLimit {
                actions.append(.skip(latest, .tooLate))
            } else {
                let late = overdueBy > policy.lateAfter
                delivery = Delivery(instance: latest, attempt: 1, firstAttemptAt: now, isLate: late && !loadingAfterReload,
                                    movedByReload: late && loadingAfterReload)
            }
            streams[Int(s)].cursor = Int32(latest.day.julianDay)
        } else if let retry = retries[s], retry.at <= now {
            delivery = retry.delivery
            retries[s] = nil
        }
        if let delivery {
            inFlight[s] = delivery
            streams[Int(s)].nextAt = .nan  // being sent: the summary must not name it as still to come
            streams[Int(s)].generation &+= 1
            actions.append(.send(delivery))
        } else {
            schedule(s, list: list)
        }
        return actions
    }

    /// Caches the stream's next instance and queues a wake-up for it (or for its retry).
    private mutating func schedule(_ s: Int32, list: [ReminderInstance]?) {
        let cursor = streams[Int(s)].cursor
        let next = (list ?? instances(of: s)).first { Int32($0.day.julianDay) > cursor }
        var stream = streams[Int(s)]
        stream.generation &+= 1
        stream.nextAt = next?.at.timeIntervalSince1970 ?? .nan
        streams[Int(s)] = stream
        var at = stream.nextAt
        if let retry = retries[s]?.at.timeIntervalSince1970 { at = at.isNaN ? retry : min(at, retry) }
        if !at.isNaN { wakeups.insert(Wakeup(at: at, stream: s, generation: stream.generation)) }
    }

    private mutating func dropStaleWakeups() {
        while let top = wakeups.min, streams[Int(top.stream)].generation != top.generation || inFlight[top.stream] != nil {
            _ = wakeups.popMin()
        }
    }

    /// Retries and sends in flight, by task key, to survive the re-indexing of a reload.
    private func carryOver() -> (retries: [(task: TaskKey, escalation: Int32, retry: (delivery: Delivery, at: Date))],
                                 inFlight: [(task: TaskKey, escalation: Int32, delivery: Delivery)]) {
        (retries.map { (taskKey($0.key / 2), $0.key % 2, $0.value) },
         inFlight.map { (taskKey($0.key / 2), $0.key % 2, $0.value) })
    }

    private mutating func index(_ newPlans: [Plan]) {
        done = []
        wakeups.removeAll()
        var seen = Set<String>()
        plans = newPlans.filter { seen.insert($0.id).inserted }
        taskBase = []
        taskPlans = []
        planIndex = [:]
        for (p, plan) in plans.enumerated() {
            planIndex[plan.id] = Int32(p)
            taskBase.append(Int32(taskPlans.count))
            taskPlans += repeatElement(Int32(p), count: plan.tasks.count)
        }
        streams = Array(repeating: Stream(), count: taskPlans.count * 2)
        dueDays = Array(repeating: Stream.noDay, count: taskPlans.count)
        retries = [:]
        inFlight = [:]
    }

    private func nextInstance(of s: Int32) -> ReminderInstance? {
        let cursor = streams[Int(s)].cursor
        return instances(of: s).first { Int32($0.day.julianDay) > cursor }
    }

    private func instances(of s: Int32) -> [ReminderInstance] {
        allInstances(ofTask: s / 2).filter { ($0.kind == .escalation) == (s % 2 == 1) }
    }

    private func allInstances(ofTask t: Int32) -> [ReminderInstance] {
        let (plan, task) = planAndTask(t)
        return planner.instances(of: task, in: plan)
    }

    private func planAndTask(_ t: Int32) -> (Plan, PlanTask) {
        let p = Int(taskPlans[Int(t)])
        return (plans[p], plans[p].tasks[Int(t - taskBase[p])])
    }

    /// The key of task number `t`.
    private func taskKey(_ t: Int32) -> TaskKey {
        let (plan, task) = planAndTask(t)
        return TaskKey(planID: plan.id, taskID: task.id)
    }

    /// The number of a task, found through its plan; a task id appears once in a plan.
    private func taskNumber(_ key: TaskKey) -> Int32? {
        guard let p = planIndex[key.planID], let position = plans[Int(p)].tasks.firstIndex(where: { $0.id == key.taskID }) else {
            return nil
        }
        return taskBase[Int(p)] + Int32(position)
    }

    private func outcomeRecord(_ delivery: Delivery, outcome: DeliveryOutcome) -> [SchedulerAction] {
        switch outcome {
        case .sent: return [.delivered(delivery)]
        case .permanentFailure(let reason), .refused(let reason), .temporaryFailure(let reason):
            return [.failed(delivery, reason: reason)]
        case .taskDone, .cancelled, .storeUnavailable: return []
        }
    }
}

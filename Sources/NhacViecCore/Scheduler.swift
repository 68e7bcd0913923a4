import Foundation

/// What the ledger knows of one task when the scheduler (re)loads.
public struct TaskRecord: Sendable, Hashable {
    /// Keys of instances delivered, skipped or given up.
    public var handledKeys: Set<String>
    /// Whether the task is marked done.
    public var isDone: Bool

    /// Creates a record.
    public init(handledKeys: Set<String> = [], isDone: Bool = false) {
        self.handledKeys = handledKeys
        self.isDone = isDone
    }
}

/// Tunables of the scheduler.
public struct SchedulerPolicy: Sendable, Hashable {
    /// Missed reminders older than this are skipped rather than sent.
    public var catchUpLimit: TimeInterval
    /// A reminder sent more than this after its instant is marked late.
    public var lateAfter: TimeInterval
    /// Backoff for temporary failures.
    public var retry: RetryPolicy

    /// Creates a policy; the defaults are 7 days, 10 minutes and the default backoff.
    public init(catchUpLimit: TimeInterval = 7 * 86400, lateAfter: TimeInterval = 600, retry: RetryPolicy = RetryPolicy()) {
        self.catchUpLimit = catchUpLimit
        self.lateAfter = lateAfter
        self.retry = retry
    }
}

/// The daemon's state machine: it keeps only the next reminder of each task stream in a priority
/// queue, takes `now` as a parameter, and returns actions instead of performing them.
public struct Scheduler: Sendable {
    /// Owner reminders and escalations are separate streams, so a missed escalation is never
    /// superseded by an owner's overdue reminder.
    struct StreamKey: Hashable, Sendable, Comparable {
        var task: TaskKey
        var isEscalation: Bool
        static func < (a: StreamKey, b: StreamKey) -> Bool {
            (a.task, a.isEscalation ? 1 : 0) < (b.task, b.isEscalation ? 1 : 0)
        }
    }

    struct Stream: Sendable {
        var cursor: LocalDate?
        /// Cached by `schedule` so the summary need not recompute every stream.
        var next: (at: Date, dueDay: LocalDate, isOverdue: Bool)?
        var retry: (delivery: Delivery, at: Date)?
        var inFlight: Delivery?
        var generation = 0
    }

    struct Wakeup: Comparable, Sendable {
        var at: Date
        var stream: StreamKey
        var generation: Int
        static func < (a: Wakeup, b: Wakeup) -> Bool { (a.at, a.stream) < (b.at, b.stream) }
    }

    private var planner: ReminderPlanner
    /// The tunables in force; a reload may change them.
    public var policy: SchedulerPolicy
    private var plans: [String: Plan] = [:]
    private var zones: [String: TimeZone] = [:]
    private var tasks: [TaskKey: PlanTask] = [:]
    private var streams: [StreamKey: Stream] = [:]
    private var wakeups = MinHeap<Wakeup>()
    private var done: Set<TaskKey> = []

    /// Creates an empty scheduler.
    public init(planner: ReminderPlanner, policy: SchedulerPolicy = SchedulerPolicy()) {
        self.planner = planner
        self.policy = policy
    }

    /// The instant the timer must be armed for, if anything is pending.
    public var nextWakeup: Date? {
        mutating get {
            dropStaleWakeups()
            return wakeups.min?.at
        }
    }

    /// Replaces the plans (at start and on reload) and returns what is due now, catch-up rules applied.
    public mutating func load(plans newPlans: [Plan], calendar: WorkingCalendar? = nil, records: [TaskKey: TaskRecord],
                              now: Date) -> [SchedulerAction] {
        if let calendar { planner = ReminderPlanner(calendar: calendar) }
        plans = Dictionary(newPlans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        zones = plans.mapValues { TimeZone(identifier: $0.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)! }
        tasks = [:]
        for plan in plans.values { for task in plan.tasks { tasks[TaskKey(planID: plan.id, taskID: task.id)] = task } }
        done = Set(records.filter(\.value.isDone).map(\.key))
        var kept: [StreamKey: Stream] = [:]
        for plan in newPlans {
            for task in plan.tasks {
                let taskKey = TaskKey(planID: plan.id, taskID: task.id)
                let handled = records[taskKey]?.handledKeys ?? []
                let all = allInstances(of: taskKey)
                for isEscalation in [false, true] {
                    let key = StreamKey(task: taskKey, isEscalation: isEscalation)
                    let list = all.filter { ($0.kind == .escalation) == isEscalation }
                    guard !list.isEmpty else { continue }
                    var stream = streams[key] ?? Stream()
                    stream.cursor = list.last(where: { handled.contains($0.key) })?.day
                    if let retry = stream.retry, !list.contains(where: { $0.key == retry.delivery.instance.key }) {
                        stream.retry = nil
                    }
                    // An instance being retried or sent is not in the ledger yet, but it is taken.
                    for pendingDay in [stream.retry?.delivery.instance.day, stream.inFlight?.instance.day].compactMap({ $0 }) {
                        stream.cursor = max(stream.cursor ?? pendingDay, pendingDay)
                    }
                    stream.generation += 1
                    kept[key] = stream
                }
            }
        }
        streams = kept
        rebuildWakeups()
        return fire(now: now)
    }

    /// Everything due at `now`: one send per stream, older missed instances skipped.
    public mutating func fire(now: Date) -> [SchedulerAction] {
        var actions: [SchedulerAction] = []
        while let top = wakeups.min, top.at <= now {
            _ = wakeups.popMin()
            guard let stream = streams[top.stream], stream.generation == top.generation, stream.inFlight == nil else {
                continue
            }
            actions += dispatch(top.stream, now: now)
        }
        return actions
    }

    /// Takes the outcome of a send and returns the follow-up actions.
    public mutating func complete(_ delivery: Delivery, outcome: DeliveryOutcome, now: Date) -> [SchedulerAction] {
        let key = StreamKey(task: delivery.instance.taskKey, isEscalation: delivery.instance.kind == .escalation)
        guard var stream = streams[key], stream.inFlight?.instance.key == delivery.instance.key else {
            return outcomeRecord(delivery, outcome: outcome, now: now).map { [$0] } ?? []
        }
        stream.inFlight = nil
        var actions: [SchedulerAction] = []
        switch outcome {
        case .sent:
            stream.cursor = delivery.instance.day
            actions.append(.delivered(delivery))
        case .taskDone:
            done.insert(delivery.instance.taskKey)
            stream.cursor = delivery.instance.day
            // Recorded, so that a reopen followed by a restart does not send it late.
            actions.append(.skip(delivery.instance, .taskDone))
        case .permanentFailure(let reason):
            stream.cursor = delivery.instance.day
            actions.append(.failed(delivery, reason: reason))
        case .temporaryFailure(let reason):
            if let at = policy.retry.nextAttempt(afterAttempt: delivery.attempt, firstAttemptAt: delivery.firstAttemptAt, now: now) {
                var next = delivery
                next.attempt += 1
                stream.retry = (next, at)
                actions.append(.deferred(delivery, retryAt: at, reason: reason))
            } else {
                stream.cursor = delivery.instance.day
                actions.append(.failed(delivery, reason: "gave up after \(delivery.attempt) attempts: \(reason)"))
            }
        }
        stream.generation += 1
        streams[key] = stream
        schedule(key)
        return actions + fire(now: now)
    }

    /// How many streams have something pending, and the earliest pending instance.
    public func summary(now: Date) -> SchedulerSummary {
        var earliest: (at: Date, key: StreamKey)?
        var pending = 0
        var overdue = Set<TaskKey>()
        for (key, stream) in streams {
            let retryAt = stream.retry?.at
            guard let at = retryAt ?? stream.next?.at else { continue }
            pending += 1
            if earliest == nil || at < earliest!.at { earliest = (at, key) }
            if !key.isEscalation, !done.contains(key.task), let next = stream.next,
               next.isOverdue || next.dueDay < today(key, now) {
                overdue.insert(key.task)
            }
        }
        let next = earliest.flatMap { entry in
            streams[entry.key]?.retry?.delivery.instance ?? nextInstance(of: entry.key, after: streams[entry.key]?.cursor)
        }
        return SchedulerSummary(next: next, pending: pending, overdue: overdue.count)
    }

    // MARK: - Internals

    private mutating func dispatch(_ key: StreamKey, now: Date) -> [SchedulerAction] {
        guard var stream = streams[key] else { return [] }
        let missed = instances(of: key).filter { instance in
            (stream.cursor.map { instance.day > $0 } ?? true) && instance.at <= now
        }
        var actions: [SchedulerAction] = []
        var delivery: Delivery?
        if let latest = missed.last, latest.key != stream.retry?.delivery.instance.key {
            if let retry = stream.retry { actions.append(.skip(retry.delivery.instance, .superseded)) }
            stream.retry = nil
            actions += missed.dropLast().map { .skip($0, .superseded) }
            if now.timeIntervalSince(latest.at) > policy.catchUpLimit {
                actions.append(.skip(latest, .tooLate))
            } else {
                delivery = Delivery(instance: latest, attempt: 1, firstAttemptAt: now,
                                    isLate: now.timeIntervalSince(latest.at) > policy.lateAfter)
            }
            stream.cursor = latest.day
        } else if let retry = stream.retry, retry.at <= now {
            delivery = retry.delivery
            stream.retry = nil
        }
        if let delivery {
            stream.inFlight = delivery
            stream.next = nil  // being sent: the summary must not name it as still to come
            actions.append(.send(delivery))
        }
        stream.generation += 1
        streams[key] = stream
        if stream.inFlight == nil { schedule(key) }
        return actions
    }

    private mutating func schedule(_ key: StreamKey) {
        guard var stream = streams[key] else { return }
        let instance = nextInstance(of: key, after: stream.cursor)
        stream.next = instance.map { ($0.at, $0.dueDay, $0.kind == .overdue) }
        streams[key] = stream
        var at = instance?.at
        if let retry = stream.retry { at = min(at ?? retry.at, retry.at) }
        if let at { wakeups.insert(Wakeup(at: at, stream: key, generation: stream.generation)) }
    }

    private mutating func rebuildWakeups() {
        wakeups.removeAll()
        for key in streams.keys where streams[key]?.inFlight == nil { schedule(key) }
    }

    private mutating func dropStaleWakeups() {
        while let top = wakeups.min, streams[top.stream]?.generation != top.generation || streams[top.stream]?.inFlight != nil {
            _ = wakeups.popMin()
        }
    }

    private func nextInstance(of key: StreamKey, after cursor: LocalDate?) -> ReminderInstance? {
        instances(of: key).first { instance in cursor.map { instance.day > $0 } ?? true }
    }

    private func instances(of key: StreamKey) -> [ReminderInstance] {
        allInstances(of: key.task).filter { ($0.kind == .escalation) == key.isEscalation }
    }

    private func allInstances(of key: TaskKey) -> [ReminderInstance] {
        guard let plan = plans[key.planID], let task = tasks[key], let zone = zones[plan.id] else { return [] }
        return planner.instances(of: task, in: plan, zone: zone)
    }

    private func today(_ key: StreamKey, _ now: Date) -> LocalDate {
        LocalInstant.day(of: now, zone: zones[key.task.planID] ?? TimeZone(secondsFromGMT: 7 * 3600)!)
    }

    private func outcomeRecord(_ delivery: Delivery, outcome: DeliveryOutcome, now: Date) -> SchedulerAction? {
        switch outcome {
        case .sent: return .delivered(delivery)
        case .permanentFailure(let reason), .temporaryFailure(let reason): return .failed(delivery, reason: reason)
        case .taskDone: return nil
        }
    }
}

/// A snapshot for `STATUS=` and logs.
public struct SchedulerSummary: Sendable, Hashable {
    /// The earliest pending reminder.
    public var next: ReminderInstance?
    /// Streams with something pending.
    public var pending: Int
    /// Tasks past their due day and not done.
    public var overdue: Int
}

import Foundation

/// The daemon's state machine over streams of sends: it keeps only the next send of each stream in a
/// priority queue, takes `now` as a parameter, and returns actions instead of performing them.
///
/// A stream is a sequence of sends that supersede one another: each task has two (owner reminders and the
/// escalation, so a missed escalation is never superseded by an owner's overdue reminder), and each address on
/// a weekly digest has one. Whatever the kind, a send is dispatched, retried, caught up after downtime and
/// recorded by the same code; only where a stream's sends come from differs (`Scheduler+Reminders`,
/// `Scheduler+Digests`). Streams live in a flat array, reminders first, and a stream holds only its cursor and
/// its next instant: memory grows with tasks and addresses, not with reminders.
public struct Scheduler: Sendable {
    struct Stream: Sendable {
        static let noDay = Int32.min
        /// The next send's instant (seconds since 1970), or nan when there is none or it is being sent.
        var nextAt = Double.nan
        /// The ordinal of the last handled send (a reminder's julian day, a digest week's Monday), or `noDay`.
        var cursor = noDay
        var generation: UInt32 = 0
    }

    struct Wakeup: Comparable, Sendable {
        var at: Double
        var stream: Int32
        var generation: UInt32
        static func < (a: Wakeup, b: Wakeup) -> Bool { (a.at, a.stream) < (b.at, b.stream) }
    }

    var planner: ReminderPlanner
    /// The tunables in force; a reload may change them.
    public var policy: SchedulerPolicy
    /// The reminder streams' plans and tasks (`Scheduler+Reminders`).
    var reminders = ReminderStreams()
    /// The digest streams' addresses and slots (`Scheduler+Digests`).
    var digests = DigestStreams()
    var streams: [Stream] = []
    var retries: [Int32: (delivery: Delivery, at: Date)] = [:]
    var inFlight: [Int32: Delivery] = [:]
    var wakeups = MinHeap<Wakeup>()
    /// True while a reload's catch-up runs: what falls due then was moved by the reload, not missed.
    var loadingAfterReload = false

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
            while let top = wakeups.min, streams[Int(top.stream)].generation != top.generation || inFlight[top.stream] != nil {
                _ = wakeups.popMin()
            }
            return wakeups.min.map { Date(timeIntervalSince1970: $0.at) }
        }
    }

    /// Everything due at `now`: one send per stream, older missed sends skipped.
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
        guard let s = stream(of: delivery.send), inFlight[s]?.send.key == delivery.send.key else {
            return Self.outcomeRecord(delivery, outcome: outcome)
        }
        inFlight[s] = nil
        let ordinal = self.ordinal(of: delivery.send)
        var actions: [SchedulerAction] = []
        switch outcome {
        case .sent:
            streams[Int(s)].cursor = ordinal
            actions.append(.delivered(delivery))
        case .cancelled:
            return []
        case .storeUnavailable(let reason):
            // Not an attempt: nothing left, so it neither counts nor gives up; it waits for the store.
            let at = now.addingTimeInterval(policy.retry.initialDelay)
            retries[s] = (delivery, at)
            actions.append(.deferred(delivery, retryAt: at, reason: reason))
        case .taskDone:
            streams[Int(s)].cursor = ordinal
            // Recorded, so that a reopen followed by a restart does not send it late.
            if case .reminder(let instance) = delivery.send { reminders.done.insert(instance.taskKey) }
            actions.append(.skip(delivery.send, .taskDone))
        case .notNeeded(let reason):
            streams[Int(s)].cursor = ordinal
            actions.append(.skip(delivery.send, reason))
        case .permanentFailure(let reason), .refused(let reason):
            streams[Int(s)].cursor = ordinal
            actions.append(.failed(delivery, reason: reason))
        case .temporaryFailure(let reason):
            if let at = policy.retry.nextAttempt(afterAttempt: delivery.attempt, firstAttemptAt: delivery.firstAttemptAt, now: now) {
                var next = delivery
                next.attempt += 1
                retries[s] = (next, at)
                actions.append(.deferred(delivery, retryAt: at, reason: reason))
            } else {
                streams[Int(s)].cursor = ordinal
                actions.append(.failed(delivery, reason: "gave up after \(delivery.attempt) attempts: \(reason)"))
            }
        }
        schedule(s, now: now)
        return actions + fire(now: now)
    }

    // MARK: - One stream, whatever its kind

    /// The stream's latest missed send goes out (unless too late or before a fresh ledger's history), the earlier
    /// ones are superseded; else a retry whose time has come.
    mutating func dispatch(_ s: Int32, now: Date) -> [SchedulerAction] {
        let list = reminders.owns(s) ? reminderInstances(of: s) : nil
        let missed = self.missed(s, now: now, list: list)
        var actions: [SchedulerAction] = []
        var delivery: Delivery?
        if let latest = missed.last, latest.key != retries[s]?.delivery.send.key {
            if let retry = retries[s] { actions.append(.skip(retry.delivery.send, .superseded)) }
            retries[s] = nil
            actions += missed.dropLast().map { .skip($0, .superseded) }
            let overdueBy = now.timeIntervalSince(latest.at)
            if let start = policy.historyStartsAt, latest.at < start {
                actions.append(.skip(latest, .historyLost))
            } else if overdueBy > policy.catchUpLimit {
                actions.append(.skip(latest, .tooLate))
            } else {
                let late = overdueBy > policy.lateAfter
                delivery = Delivery(send: latest, attempt: 1, firstAttemptAt: now, isLate: late && !loadingAfterReload,
                                    movedByReload: late && loadingAfterReload)
            }
            streams[Int(s)].cursor = ordinal(of: latest)
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
            schedule(s, now: now, list: list)
        }
        return actions
    }

    /// Caches the stream's next send and queues a wake-up for it (or for its retry, if earlier).
    mutating func schedule(_ s: Int32, now: Date, list: [ReminderInstance]? = nil) {
        var stream = streams[Int(s)]
        stream.generation &+= 1
        stream.nextAt = next(s, now: now, list: list)?.at.timeIntervalSince1970 ?? .nan
        streams[Int(s)] = stream
        var at = stream.nextAt
        if let retry = retries[s]?.at.timeIntervalSince1970 { at = at.isNaN ? retry : min(at, retry) }
        if !at.isNaN {
            wakeups.insert(Wakeup(at: at, stream: s, generation: stream.generation))
        } else if reminders.owns(s) {
            advanceLane(of: s, now: now)  // a recurring task's occurrence with nothing left gives way to the next
        }
    }

    /// The sends of the stream after its cursor and at or before `now`, oldest first.
    func missed(_ s: Int32, now: Date, list: [ReminderInstance]?) -> [Send] {
        let cursor = streams[Int(s)].cursor
        if reminders.owns(s) {
            return (list ?? reminderInstances(of: s)).filter { Int32($0.day.julianDay) > cursor && $0.at <= now }.map(Send.reminder)
        }
        return missedDigest(s, cursor: cursor, now: now).map { [Send.digest($0)] } ?? []
    }

    /// The stream's first send after its cursor.
    func next(_ s: Int32, now: Date, list: [ReminderInstance]? = nil) -> Send? {
        let cursor = streams[Int(s)].cursor
        if reminders.owns(s) {
            return (list ?? reminderInstances(of: s)).first { Int32($0.day.julianDay) > cursor }.map(Send.reminder)
        }
        return nextDigest(s, cursor: cursor, now: now).map(Send.digest)
    }

    /// Where a send stands in its stream: a reminder's julian day, a digest week's Monday.
    func ordinal(of send: Send) -> Int32 {
        switch send {
        case .reminder(let instance): return Int32(instance.day.julianDay)
        case .digest(let instance): return Int32(Self.monday(of: instance.week).julianDay)
        }
    }

    /// The stream a send belongs to in the current plans, if it still has one.
    func stream(of send: Send) -> Int32? {
        switch send {
        case .reminder(let instance): return reminderStream(of: instance)
        case .digest(let instance): return digestStream(of: instance.address)
        }
    }

    static func outcomeRecord(_ delivery: Delivery, outcome: DeliveryOutcome) -> [SchedulerAction] {
        switch outcome {
        case .sent: return [.delivered(delivery)]
        case .permanentFailure(let reason), .refused(let reason), .temporaryFailure(let reason):
            return [.failed(delivery, reason: reason)]
        case .notNeeded(let reason): return [.skip(delivery.send, reason)]
        case .taskDone, .cancelled, .storeUnavailable: return []
        }
    }
}

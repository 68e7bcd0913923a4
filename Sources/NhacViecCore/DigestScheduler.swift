import Foundation

/// One attempt to deliver one week's digest of one address.
public struct DigestDelivery: Hashable, Sendable {
    /// What is being delivered.
    public var instance: DigestInstance
    /// 1 for the first attempt, then 2, 3…
    public var attempt: Int
    /// When the first attempt was made.
    public var firstAttemptAt: Date
    /// Whether it is sent late, after downtime.
    public var isLate: Bool

    /// Creates a delivery.
    public init(instance: DigestInstance, attempt: Int, firstAttemptAt: Date, isLate: Bool) {
        self.instance = instance
        self.attempt = attempt
        self.firstAttemptAt = firstAttemptAt
        self.isLate = isLate
    }
}

/// What the digest scheduler asks its driver to do; the same verbs as `SchedulerAction`.
public enum DigestAction: Hashable, Sendable {
    /// Compute the digest's tasks from the plans and the ledger, render, send, then report the outcome.
    /// An outcome of `.taskDone` means it had nothing to list and was not sent.
    case send(DigestDelivery)
    /// Record the digest as skipped and log why.
    case skip(DigestInstance, SkipReason)
    /// Log that a delivery will be retried at an instant.
    case deferred(DigestDelivery, retryAt: Date, reason: String)
    /// Record the digest as failed.
    case failed(DigestDelivery, reason: String)
    /// Record the digest as delivered.
    case delivered(DigestDelivery)
    /// Record that the digest had nothing to list, so no mail went out.
    case empty(DigestInstance)
}

/// The weekly digests' state machine, driven by the daemon with the same one timer as `Scheduler`:
/// one stream per address on a digest, each holding only the week it last handled and its next instant;
/// it takes `now` and returns actions. A week's digest is handled once (sent, found empty, skipped or
/// failed), whatever restarts happen; after downtime only the latest missed week is sent, and only within
/// the catch-up limit.
public struct DigestScheduler: Sendable {
    struct Stream: Sendable {
        static let noDay = Int32.min
        /// The next digest's instant, seconds since 1970, or nan while it is being sent.
        var nextAt = Double.nan
        /// The Monday (julian day) of the last week handled, or `noDay`.
        var cursor = noDay
        var generation: UInt32 = 0
    }

    struct Wakeup: Comparable, Sendable {
        var at: Double
        var stream: Int32
        var generation: UInt32
        static func < (a: Wakeup, b: Wakeup) -> Bool { (a.at, a.stream) < (b.at, b.stream) }
    }

    /// The tunables in force (catch-up limit, lateness, retries, a fresh ledger's start); shared with `Scheduler`.
    public var policy: SchedulerPolicy
    private var addresses: [String] = []
    private var slots: [DigestSlot] = []
    private var streams: [Stream] = []
    private var retries: [Int32: (delivery: DigestDelivery, at: Date)] = [:]
    private var inFlight: [Int32: DigestDelivery] = [:]
    private var wakeups = MinHeap<Wakeup>()
    private var loadingAfterReload = false

    /// Creates a scheduler with no digests.
    public init(policy: SchedulerPolicy = SchedulerPolicy()) {
        self.policy = policy
    }

    /// The addresses on a digest, sorted.
    public var recipients: [String] { addresses }

    /// The instant the timer must be armed for, if any digest is pending.
    public var nextWakeup: Date? {
        mutating get {
            while let top = wakeups.min, streams[Int(top.stream)].generation != top.generation || inFlight[top.stream] != nil {
                _ = wakeups.popMin()
            }
            return wakeups.min.map { Date(timeIntervalSince1970: $0.at) }
        }
    }

    /// The next digest still to come, if any (for the status line).
    public var next: DigestInstance? {
        var best: (at: Double, s: Int)?
        for (s, stream) in streams.enumerated() where !stream.nextAt.isNaN {
            if best == nil || stream.nextAt < best!.at { best = (stream.nextAt, s) }
        }
        return best.map { entry in
            let slot = slots[entry.s]
            let day = LocalInstant.day(of: Date(timeIntervalSince1970: entry.at), zone: slot.zone)
            return DigestInstance(address: addresses[entry.s], day: day, at: Date(timeIntervalSince1970: entry.at))
        }
    }

    /// Replaces the plans (at start and on reload), given the digest keys the ledger holds, and returns what is due now.
    public mutating func load(plans: [Plan], handled: Set<String>, now: Date, afterReload: Bool = false) -> [DigestAction] {
        loadingAfterReload = afterReload
        defer { loadingAfterReload = false }
        let carriedRetries = retries.map { (addresses[Int($0.key)], $0.value) }
        let carriedInFlight = inFlight.map { (addresses[Int($0.key)], $0.value) }
        let roster = DigestRoster.slots(of: plans)
        addresses = roster.map(\.address)
        slots = roster.map(\.slot)
        streams = Array(repeating: Stream(), count: addresses.count)
        retries = [:]
        inFlight = [:]
        wakeups.removeAll()
        var number: [String: Int32] = [:]
        for (s, address) in addresses.enumerated() { number[address] = Int32(s) }
        for key in handled {
            guard let parsed = DigestInstance.parse(key: key), let s = number[parsed.address] else { continue }
            let monday = Int32(Self.monday(of: parsed.week).julianDay)
            streams[Int(s)].cursor = max(streams[Int(s)].cursor, monday)
        }
        for (address, retry) in carriedRetries { if let s = number[address] { retries[s] = retry } }
        for (address, delivery) in carriedInFlight {
            guard let s = number[address] else { continue }
            inFlight[s] = delivery
            streams[Int(s)].cursor = max(streams[Int(s)].cursor, Int32(ISOWeek.monday(of: delivery.instance.day).julianDay))
        }
        for s in streams.indices where inFlight[Int32(s)] == nil {
            if let retry = retries[Int32(s)] {
                streams[s].cursor = max(streams[s].cursor, Int32(ISOWeek.monday(of: retry.delivery.instance.day).julianDay))
            }
            if streams[s].cursor == Stream.noDay {
                // A digest the ledger has never seen starts with its next slot: nothing of it was missed. (Had the
                // daemon been down over its very first slot, that one week is not caught up.)
                streams[s].cursor = Int32(ISOWeek.monday(of: slots[s].latestDay(atOrBefore: now)).julianDay)
            }
            schedule(Int32(s), now: now)
        }
        return fire(now: now)
    }

    /// Everything due at `now`: at most one digest per address.
    public mutating func fire(now: Date) -> [DigestAction] {
        var actions: [DigestAction] = []
        let limit = now.timeIntervalSince1970
        while let top = wakeups.min, top.at <= limit {
            _ = wakeups.popMin()
            guard streams[Int(top.stream)].generation == top.generation, inFlight[top.stream] == nil else { continue }
            actions += dispatch(top.stream, now: now)
        }
        return actions
    }

    /// Takes the outcome of a send (`.taskDone`: it had nothing to list) and returns the follow-up actions.
    public mutating func complete(_ delivery: DigestDelivery, outcome: DeliveryOutcome, now: Date) -> [DigestAction] {
        guard let s = addresses.firstIndex(of: delivery.instance.address).map(Int32.init),
              inFlight[s]?.instance == delivery.instance else {
            switch outcome {
            case .sent: return [.delivered(delivery)]
            case .permanentFailure(let reason), .refused(let reason), .temporaryFailure(let reason):
                return [.failed(delivery, reason: reason)]
            case .taskDone: return [.empty(delivery.instance)]
            case .cancelled, .storeUnavailable: return []
            }
        }
        inFlight[s] = nil
        var actions: [DigestAction] = []
        switch outcome {
        case .sent: actions.append(.delivered(delivery))
        case .taskDone: actions.append(.empty(delivery.instance))
        case .cancelled: return []
        case .storeUnavailable(let reason):
            let at = now.addingTimeInterval(policy.retry.initialDelay)
            retries[s] = (delivery, at)
            actions.append(.deferred(delivery, retryAt: at, reason: reason))
        case .permanentFailure(let reason), .refused(let reason):
            actions.append(.failed(delivery, reason: reason))
        case .temporaryFailure(let reason):
            if let at = policy.retry.nextAttempt(afterAttempt: delivery.attempt, firstAttemptAt: delivery.firstAttemptAt, now: now) {
                var next = delivery
                next.attempt += 1
                retries[s] = (next, at)
                actions.append(.deferred(delivery, retryAt: at, reason: reason))
            } else {
                actions.append(.failed(delivery, reason: "gave up after \(delivery.attempt) attempts: \(reason)"))
            }
        }
        schedule(s, now: now)
        return actions + fire(now: now)
    }

    // MARK: - Internals

    private mutating func dispatch(_ s: Int32, now: Date) -> [DigestAction] {
        let slot = slots[Int(s)]
        let cursor = streams[Int(s)].cursor
        let latest = slot.latestDay(atOrBefore: now)
        var actions: [DigestAction] = []
        var delivery: DigestDelivery?
        if Int32(ISOWeek.monday(of: latest).julianDay) > cursor {
            // The latest week missed or due now; any earlier missed week is superseded and left unrecorded.
            if let retry = retries[s] { actions.append(.skip(retry.delivery.instance, .superseded)) }
            retries[s] = nil
            let instance = DigestInstance(address: addresses[Int(s)], day: latest, at: slot.instant(on: latest))
            let overdueBy = now.timeIntervalSince(instance.at)
            if let start = policy.historyStartsAt, instance.at < start {
                actions.append(.skip(instance, .historyLost))
            } else if overdueBy > policy.catchUpLimit {
                actions.append(.skip(instance, .tooLate))
            } else {
                delivery = DigestDelivery(instance: instance, attempt: 1, firstAttemptAt: now,
                                          isLate: overdueBy > policy.lateAfter && !loadingAfterReload)
            }
            streams[Int(s)].cursor = Int32(ISOWeek.monday(of: latest).julianDay)
        } else if let retry = retries[s], retry.at <= now {
            delivery = retry.delivery
            retries[s] = nil
        }
        if let delivery {
            inFlight[s] = delivery
            streams[Int(s)].nextAt = .nan
            streams[Int(s)].generation &+= 1
            actions.append(.send(delivery))
        } else {
            schedule(s, now: now)
        }
        return actions
    }

    /// Caches the stream's next instant (the first slot after the week last handled) and queues a wake-up
    /// for it or its retry.
    private mutating func schedule(_ s: Int32, now: Date) {
        let slot = slots[Int(s)]
        var stream = streams[Int(s)]
        let day = stream.cursor == Stream.noDay ? slot.latestDay(atOrBefore: now)
            : LocalDate(julianDay: Int(stream.cursor)).adding(days: 7 + slot.weekday - 1)
        stream.generation &+= 1
        stream.nextAt = slot.instant(on: day).timeIntervalSince1970
        streams[Int(s)] = stream
        var at = stream.nextAt
        if let retry = retries[s]?.at.timeIntervalSince1970 { at = min(at, retry) }
        wakeups.insert(Wakeup(at: at, stream: s, generation: stream.generation))
    }

    private static func monday(of week: ISOWeek) -> LocalDate {
        // 4 January is always in week 1.
        let january4 = LocalDate(year: week.year, month: 1, day: 4)!
        return ISOWeek.monday(of: january4).adding(days: 7 * (week.week - 1))
    }
}

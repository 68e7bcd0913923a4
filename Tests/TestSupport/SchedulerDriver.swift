import Foundation
import NhacViecCore

/// Drives a `Scheduler` the way the daemon does, with a manual clock, an in-memory ledger and a
/// recording transport, so that months of a plan run in a unit test.
public struct SchedulerDriver {
    /// The scheduler under test.
    public var scheduler: Scheduler
    /// The manual clock's current instant.
    public private(set) var now: Date
    /// The in-memory ledger.
    public private(set) var records: [TaskKey: TaskRecord]
    /// Tasks the "office" has marked done; checked before each send, as the daemon does.
    public var doneTasks: Set<TaskKey> = []
    /// When true, every send fails temporarily.
    public var transportFails = false
    /// When true, no attempt can be written to the ledger, so nothing is sent.
    public var storeDown = false
    /// Keys of instances sent past their instant because a reload moved their date.
    public private(set) var movedKeys: [String] = []
    /// `YYYY-MM-DDTHH:MM kind` of each delivered reminder, at the local time it was sent.
    public private(set) var sentLog: [String] = []
    /// Task ids of delivered reminders.
    public private(set) var sentTasks: [String] = []
    /// `YYYY-MM-DD kind reason` of each skipped instance.
    public private(set) var skipped: [String] = []
    /// Keys of instances given up as failed.
    public private(set) var failed: [String] = []
    /// Keys of instances delivered late.
    public private(set) var lateKeys: [String] = []
    /// The instant of every send attempt.
    public private(set) var attemptTimes: [Date] = []
    /// The weekly digests' state machine, driven with the same timer.
    public var digests: DigestScheduler
    /// The digest keys the "ledger" holds (sent, empty, skipped, failed).
    public private(set) var digestKeys: Set<String>
    /// `YYYY-MM-DDTHH:MM ADDRESS WEEK N` of each digest sent (N tasks listed), at the local time it was sent.
    public private(set) var digestLog: [String] = []
    /// `ADDRESS WEEK reason` of each digest not sent (`empty` when it had nothing to list).
    public private(set) var digestSkipped: [String] = []
    /// The content of each digest sent, in order.
    public private(set) var digestContents: [DigestContent] = []
    /// Per-department done marks, as `done --department` records them; read when a digest is built.
    public var doneOwners: [TaskKey: DoneOwners] = [:]
    private var plans: [Plan]
    private let planner: ReminderPlanner?
    private let zone = TimeZone.vietnam

    /// Loads the plans at `now`, running whatever is due at once; `calendar` lets digests compute their tasks.
    public init(scheduler: Scheduler, plans: [Plan], records: [TaskKey: TaskRecord] = [:], digestKeys: Set<String> = [],
                calendar: WorkingCalendar? = nil, now: Date) {
        self.scheduler = scheduler
        self.now = now
        self.records = records
        self.plans = plans
        self.digestKeys = digestKeys
        self.planner = calendar.map { ReminderPlanner(calendar: $0) }
        self.digests = DigestScheduler(policy: scheduler.policy)
        let actions = self.scheduler.load(plans: plans, records: records, now: now)
        handle(actions)
        handleDigests(self.digests.load(plans: plans, handled: digestKeys, now: now))
    }

    /// The instant the daemon's one timer would be armed for.
    public var armedAt: Date? {
        mutating get { [scheduler.nextWakeup, digests.nextWakeup].compactMap { $0 }.min() }
    }

    /// Moves the manual clock forward, firing the timer at each armed instant on the way.
    public mutating func advance(to target: Date) {
        while let next = armedAt, next <= target {
            now = max(now, next)
            handle(scheduler.fire(now: now))
            handleDigests(digests.fire(now: now))
        }
        now = target
    }

    /// Replaces the plans, as SIGHUP does.
    public mutating func reload(_ plans: [Plan]) {
        self.plans = plans
        handle(scheduler.load(plans: plans, records: records, now: now, afterReload: true))
        handleDigests(digests.load(plans: plans, handled: digestKeys, now: now, afterReload: true))
    }

    private mutating func handleDigests(_ initial: [DigestAction]) {
        var queue = initial
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .send(let delivery):
                let content = planner.map { planner in
                    DigestContent.make(for: delivery.instance, plans: plans, planner: planner) { [doneOwners] in
                        doneOwners[$0] ?? (doneTasks.contains($0) ? DoneOwners(everyone: true) : DoneOwners())
                    }
                }
                let outcome: DeliveryOutcome
                if storeDown { outcome = .storeUnavailable("disk full") } else if content?.taskCount == 0 { outcome = .taskDone } else {
                    attemptTimes.append(now)
                    outcome = transportFails ? .temporaryFailure("EX_TEMPFAIL") : .sent
                }
                if outcome == .sent, let content { digestContents.append(content) }
                queue += digests.complete(delivery, outcome: outcome, now: now)
            case .delivered(let delivery):
                digestKeys.insert(delivery.instance.key)
                let count = digestContents.last.map { "\($0.taskCount)" } ?? "?"
                digestLog.append("\(ISOTimestamp.string(now, zone: zone).prefix(16)) \(delivery.instance.address) \(delivery.instance.week) \(count)")
                if delivery.isLate { lateKeys.append(delivery.instance.key) }
            case .empty(let instance):
                digestKeys.insert(instance.key)
                digestSkipped.append("\(instance.address) \(instance.week) empty")
            case .skip(let instance, let reason):
                digestKeys.insert(instance.key)
                digestSkipped.append("\(instance.address) \(instance.week) \(reason.rawValue)")
            case .failed(let delivery, _):
                digestKeys.insert(delivery.instance.key)
                failed.append(delivery.instance.key)
            case .deferred:
                break
            }
        }
    }

    private mutating func handle(_ initial: [SchedulerAction]) {
        var queue = initial
        while !queue.isEmpty {
            let action = queue.removeFirst()
            switch action {
            case .send(let delivery):
                queue += scheduler.complete(delivery, outcome: attempt(delivery), now: now)
            case .delivered(let delivery):
                remember(delivery.instance)
                sentLog.append("\(ISOTimestamp.string(now, zone: zone).prefix(16)) \(delivery.instance.kind.rawValue)")
                sentTasks.append(delivery.instance.taskID)
                if delivery.isLate { lateKeys.append(delivery.instance.key) }
                if delivery.movedByReload { movedKeys.append(delivery.instance.key) }
            case .skip(let instance, let reason):
                remember(instance)
                skipped.append("\(instance.day.iso) \(instance.kind.rawValue) \(reason.rawValue)")
            case .failed(let delivery, _):
                remember(delivery.instance)
                failed.append(delivery.instance.key)
            case .deferred:
                break
            }
        }
    }

    private mutating func attempt(_ delivery: Delivery) -> DeliveryOutcome {
        if doneTasks.contains(delivery.instance.taskKey) { return .taskDone }
        if storeDown { return .storeUnavailable("disk full") }
        attemptTimes.append(now)
        return transportFails ? .temporaryFailure("EX_TEMPFAIL") : .sent
    }

    private mutating func remember(_ instance: ReminderInstance) {
        records[instance.taskKey, default: TaskRecord()].handledKeys.insert(instance.key)
    }
}

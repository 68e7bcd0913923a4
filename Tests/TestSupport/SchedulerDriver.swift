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
    private let zone = TimeZone.vietnam

    /// Loads the plans at `now`, running whatever is due at once.
    public init(scheduler: Scheduler, plans: [Plan], records: [TaskKey: TaskRecord] = [:], now: Date) {
        self.scheduler = scheduler
        self.now = now
        self.records = records
        let actions = self.scheduler.load(plans: plans, records: records, now: now)
        handle(actions)
    }

    /// The instant the daemon's one timer would be armed for.
    public var armedAt: Date? {
        mutating get { scheduler.nextWakeup }
    }

    /// Moves the manual clock forward, firing the timer at each armed instant on the way.
    public mutating func advance(to target: Date) {
        while let next = scheduler.nextWakeup, next <= target {
            now = max(now, next)
            handle(scheduler.fire(now: now))
        }
        now = target
    }

    /// Replaces the plans, as SIGHUP does.
    public mutating func reload(_ plans: [Plan]) {
        handle(scheduler.load(plans: plans, records: records, now: now, afterReload: true))
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

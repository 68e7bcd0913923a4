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
    /// Keys of delivered reminders (`PLAN/TASK/KIND/DAY`), in order.
    public private(set) var sentKeys: [String] = []
    /// `YYYY-MM-DD kind reason` of each skipped instance.
    public private(set) var skipped: [String] = []
    /// Keys of instances given up as failed.
    public private(set) var failed: [String] = []
    /// Keys of instances delivered late.
    public private(set) var lateKeys: [String] = []
    /// The instant of every send attempt.
    public private(set) var attemptTimes: [Date] = []
    /// The digest keys the "ledger" holds (sent, empty, skipped, failed).
    public var digestKeys: Set<String> {
        records.filter { $0.key.planID.isEmpty }.values.reduce(into: Set<String>()) { $0.formUnion($1.handledKeys) }
    }
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
        var records = records
        for key in digestKeys {
            guard let parsed = DigestInstance.parse(key: key) else { continue }
            records[TaskKey.digest(parsed.address), default: TaskRecord()].handledKeys.insert(key)
        }
        self.records = records
        self.plans = plans
        self.planner = calendar.map { ReminderPlanner(calendar: $0) }
        let actions = self.scheduler.load(plans: plans, records: records, now: now)
        handle(actions)
    }

    /// The instant the daemon's one timer would be armed for.
    public var armedAt: Date? {
        mutating get { scheduler.nextWakeup }
    }

    /// Moves the manual clock forward, firing the timer at each armed instant on the way.
    public mutating func advance(to target: Date) {
        while let next = armedAt, next <= target {
            now = max(now, next)
            handle(scheduler.fire(now: now))
        }
        now = target
    }

    /// Replaces the plans, as SIGHUP does.
    public mutating func reload(_ plans: [Plan]) {
        self.plans = plans
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
                remember(delivery.send)
                if delivery.isLate { lateKeys.append(delivery.send.key) }
                switch delivery.send {
                case .reminder(let instance):
                    sentLog.append("\(ISOTimestamp.string(now, zone: zone).prefix(16)) \(instance.kind.rawValue)")
                    sentTasks.append(instance.taskID)
                    sentKeys.append(instance.key)
                    if delivery.movedByReload { movedKeys.append(instance.key) }
                case .digest(let instance):
                    let count = digestContents.last.map { "\($0.taskCount)" } ?? "?"
                    digestLog.append("\(ISOTimestamp.string(now, zone: zone).prefix(16)) \(instance.address) \(instance.week) \(count)")
                }
            case .skip(let send, let reason):
                remember(send)
                switch send {
                case .reminder(let instance): skipped.append("\(instance.day.iso) \(instance.kind.rawValue) \(reason.rawValue)")
                case .digest(let instance): digestSkipped.append("\(instance.address) \(instance.week) \(reason.rawValue)")
                }
            case .failed(let delivery, _):
                remember(delivery.send)
                failed.append(delivery.send.key)
            case .deferred:
                break
            }
        }
    }

    private mutating func attempt(_ delivery: Delivery) -> DeliveryOutcome {
        switch delivery.send {
        case .reminder(let instance):
            if doneTasks.contains(instance.taskKey) { return .taskDone }
        case .digest(let instance):
            let content = planner.map { planner in
                DigestContent.make(for: instance, plans: plans, planner: planner) { [doneOwners, doneTasks] in
                    doneOwners[$0] ?? (doneTasks.contains($0) ? DoneOwners(everyone: true) : DoneOwners())
                }
            }
            if storeDown { return .storeUnavailable("disk full") }
            if content?.taskCount == 0 { return .notNeeded(.empty) }
            attemptTimes.append(now)
            if !transportFails, let content { digestContents.append(content) }
            return transportFails ? .temporaryFailure("EX_TEMPFAIL") : .sent
        }
        if storeDown { return .storeUnavailable("disk full") }
        attemptTimes.append(now)
        return transportFails ? .temporaryFailure("EX_TEMPFAIL") : .sent
    }

    private mutating func remember(_ send: Send) {
        records[send.recordKey, default: TaskRecord()].handledKeys.insert(send.key)
    }
}

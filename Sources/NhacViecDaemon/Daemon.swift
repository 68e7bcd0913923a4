@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore

/// The running daemon: one serial queue owns the scheduler; one wall-clock timer wakes it for the
/// earliest reminder; signal sources and delivery results arrive on the same queue.
///
/// A nonisolated class on purpose: handlers written in a main-actor context would crash when
/// Dispatch calls them on this queue.
public final class Daemon: @unchecked Sendable {
    private let queue = DispatchQueue(label: "nhacviec.scheduler")
    private let deliveryQueue = DispatchQueue(label: "nhacviec.delivery")
    private let environment: DaemonEnvironment
    private var logger: Logger
    private var configuration: Configuration {
        didSet { plansByID = Self.index(configuration) }
    }
    /// Each plan by id: looked up for every delivery and log entry.
    private var plansByID: [String: Plan]
    private var renderer: any MessageRenderer
    private var transport: any MailTransport
    private var scheduler: Scheduler
    private var timer: DispatchSourceTimer?
    private var watchdog: DispatchSourceTimer?
    private var signalSources: [DispatchSourceSignal] = []
    private let inFlight = DispatchGroup()
    private var mailIDs: [String: String] = [:]
    private var stopping = false
    private var statusScheduled = false
    private let onExit: @Sendable (Int32) -> Void

    /// Builds the daemon from an already validated configuration; nothing runs until `start`.
    public init(configuration: Configuration, environment: DaemonEnvironment, onExit: @escaping @Sendable (Int32) -> Void) {
        self.configuration = configuration
        self.plansByID = Self.index(configuration)
        self.environment = environment
        self.logger = environment.logger
        self.renderer = environment.makeRenderer(configuration.settings)
        self.transport = environment.makeTransport(configuration.settings)
        self.scheduler = Scheduler(planner: ReminderPlanner(calendar: configuration.calendar),
                                   policy: Self.policy(configuration.settings, environment))
        self.onExit = onExit
    }

    /// Installs signal handlers, loads the ledger, sends what is due, arms the timer, then says READY.
    public func start() {
        queue.async { [self] in
            installSignalSources()
            let records: [TaskKey: TaskRecord]
            do { records = try environment.ledger.records() } catch {
                logger.critical("cannot read the state store: \(error)")
                onExit(1)
                return
            }
            log(.notice, JournalMessageID.daemonStarted, "nhacviec started: \(configuration.plans.count) plans, \(taskCount) tasks")
            if configuration.plans.isEmpty {
                logger.notice("no plans in \(configuration.settings.plansDirectory): nothing to send; add a plan and run systemctl reload nhacviec")
            }
            handle(scheduler.load(plans: plans, records: records, now: environment.clock.now()))
            arm()
            releaseFreedMemory()
            startWatchdog()
            environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
        }
    }

    /// Re-reads the configuration; a broken one is rejected and the old one keeps running.
    public func reload() {
        queue.async { [self] in
            guard !stopping else { return }
            let monotonic = DispatchTime.now().uptimeNanoseconds / 1000
            environment.notifier.notify([("RELOADING", "1"), ("MONOTONIC_USEC", "\(monotonic)")])
            do {
                let fresh = try environment.loadConfiguration()
                if fresh.settings.statePath != configuration.settings.statePath {
                    logger.warning("state moved to \(fresh.settings.statePath) in the main file; still using \(configuration.settings.statePath) until a restart")
                }
                configuration = fresh
                renderer = environment.makeRenderer(fresh.settings)
                transport = environment.makeTransport(fresh.settings)
                scheduler.policy = Self.policy(fresh.settings, environment)
                let records = try environment.ledger.records()
                handle(scheduler.load(plans: plans, calendar: fresh.calendar, records: records, now: environment.clock.now()))
                log(.notice, JournalMessageID.configReloaded, "configuration reloaded: \(fresh.plans.count) plans, \(taskCount) tasks")
                releaseFreedMemory()
            } catch let error as ConfigurationError {
                log(.error, JournalMessageID.configRejected, "configuration rejected (\(error.diagnostics.count) problems); still running the previous one")
                for diagnostic in error.diagnostics { logger.error("\(diagnostic.description)") }
            } catch {
                log(.error, JournalMessageID.configRejected, "reload failed: \(error); still running the previous configuration")
            }
            arm()
            environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
        }
    }

    /// Stops taking work, lets a sendmail in flight finish (up to the grace period), then exits 0.
    public func stop() {
        queue.async { [self] in
            guard !stopping else { return }
            stopping = true
            timer?.cancel()
            watchdog?.cancel()
            environment.notifier.notify([("STOPPING", "1"), ("STATUS", "stopping")])
            let grace = environment.stopGrace
            DispatchQueue.global().async { [self] in
                let finished = inFlight.wait(timeout: .now() + grace) == .success
                queue.async { [self] in
                    if !finished { logger.warning("a sendmail was still running after \(Int(grace)) s; exiting anyway") }
                    log(.notice, JournalMessageID.daemonStopped, "nhacviec stopped")
                    onExit(0)
                }
            }
        }
    }

    // MARK: - Timer and signals

    private func arm() {
        dispatchPrecondition(condition: .onQueue(queue))
        timer?.cancel()
        timer = nil
        guard !stopping, let next = scheduler.nextWakeup else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        let delay = environment.clock.realDelay(until: next)
        source.schedule(wallDeadline: .now() + delay, leeway: .milliseconds(5))
        source.setEventHandler { [weak self] in self?.timerFired() }
        source.resume()
        timer = source
    }

    private func timerFired() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !stopping else { return }
        // A rehearsal clock may have stood still meanwhile: a timer can fire before its instant.
        handle(scheduler.fire(now: environment.clock.now()))
        arm()
        publishStatus()
    }

    private func installSignalSources() {
        dispatchPrecondition(condition: .onQueue(queue))
        for (signal, action) in [(SIGHUP, reload), (SIGTERM, stop), (SIGINT, stop)] as [(Int32, () -> Void)] {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler(handler: action)
            source.resume()
            signalSources.append(source)
        }
    }

    private func startWatchdog() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let interval = environment.notifier.watchdogPingInterval else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        source.setEventHandler { [weak self] in self?.environment.notifier.notify([("WATCHDOG", "1")]) }
        source.resume()
        watchdog = source
    }

    // MARK: - Actions

    private func handle(_ actions: [SchedulerAction]) {
        dispatchPrecondition(condition: .onQueue(queue))
        for action in actions {
            switch action {
            case .send(let delivery): deliver(delivery)
            case .delivered(let delivery): recordDelivered(delivery)
            case .skip(let instance, let reason): recordSkipped(instance, reason)
            case .deferred(let delivery, let retryAt, let reason):
                log(.warning, JournalMessageID.deliveryDeferred, "delivery deferred, retry at \(ISOTimestamp.string(retryAt, zone: zone(delivery.instance))): \(reason)",
                    delivery.instance, attempt: delivery.attempt, mailID: mailIDs[delivery.instance.key])
            case .failed(let delivery, let reason): recordFailed(delivery, reason)
            }
        }
    }

    private func deliver(_ delivery: Delivery) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let plan = plan(of: delivery.instance) else { return }
        let renderer = renderer, transport = transport, calendar = configuration.calendar, environment = environment
        inFlight.enter()
        environment.clock.deliveryStarted()
        deliveryQueue.async { [self] in
            let now = environment.clock.now()
            var mailID: String?
            let outcome: DeliveryOutcome
            if (try? environment.ledger.isDone(delivery.instance.taskKey)) == true {
                outcome = .taskDone
            } else {
                do {
                    let mail = try renderer.reminder(plan: plan, instance: delivery.instance, calendar: calendar, now: now, isLate: delivery.isLate)
                    mailID = mail.messageID
                    outcome = transport.send(mail)
                } catch {
                    outcome = .permanentFailure("cannot build the message: \(error)")
                }
            }
            let builtID = mailID
            queue.async { [self] in
                mailIDs[delivery.instance.key] = builtID
                handle(scheduler.complete(delivery, outcome: outcome, now: environment.clock.now()))
                mailIDs[delivery.instance.key] = nil
                arm()
                publishStatus()
                environment.clock.deliveryFinished()
                inFlight.leave()
            }
        }
    }

    private func recordDelivered(_ delivery: Delivery) {
        let instance = delivery.instance
        let mailID = mailIDs[instance.key]
        guard write(LedgerEntry(instance: instance, outcome: .sent, mailID: mailID, recordedAt: environment.clock.now(),
                                attempts: delivery.attempt, detail: delivery.isLate ? "late" : nil)) else { return }
        let id: String
        switch instance.kind {
        case .overdue: id = JournalMessageID.taskOverdue
        case .escalation: id = JournalMessageID.escalationSent
        default: id = JournalMessageID.reminderSent
        }
        let late = delivery.isLate ? " LATE (missed while the daemon was down)" : ""
        log(.info, id, "\(instance.kind.rawValue) reminder sent to \(instance.recipients.joined(separator: ", "))\(late)",
            instance, attempt: delivery.attempt, mailID: mailID)
    }

    private func recordSkipped(_ instance: ReminderInstance, _ reason: SkipReason) {
        guard write(LedgerEntry(instance: instance, outcome: .skipped, mailID: nil, recordedAt: environment.clock.now(),
                                attempts: 0, detail: reason.rawValue)) else { return }
        let why: String
        switch reason {
        case .tooLate: why = "missed by more than the catch-up limit"
        case .superseded: why = "superseded by a later reminder of the same task"
        case .taskDone: why = "the task is done"
        }
        log(reason == .taskDone ? .info : .warning, JournalMessageID.reminderSkipped,
            "\(instance.kind.rawValue) reminder of \(instance.day.iso) not sent: \(why)", instance)
    }

    private func recordFailed(_ delivery: Delivery, _ reason: String) {
        let instance = delivery.instance
        _ = write(LedgerEntry(instance: instance, outcome: .failed, mailID: mailIDs[instance.key], recordedAt: environment.clock.now(),
                              attempts: delivery.attempt, detail: reason))
        log(.error, JournalMessageID.deliveryFailed, "delivery failed for good: \(reason)", instance, attempt: delivery.attempt,
            mailID: mailIDs[instance.key])
        guard let plan = plan(of: instance) else { return }
        let renderer = renderer, transport = transport, environment = environment, logger = logger
        deliveryQueue.async {
            do {
                guard let report = try renderer.failureReport(plan: plan, instance: instance, reason: reason,
                                                              attempts: delivery.attempt, now: environment.clock.now()) else {
                    logger.warning("plan \(plan.id) names no admin: the failure of \(instance.key) is reported in the journal only")
                    return
                }
                let outcome = transport.send(report)
                if outcome != .sent { logger.error("the failure report to the admins could not be sent either: \(outcome)") }
            } catch {
                logger.error("cannot build the failure report: \(error)")
            }
        }
    }

    /// Writes to the ledger; a failure is logged and the reminder will be considered again on restart.
    private func write(_ entry: LedgerEntry) -> Bool {
        dispatchPrecondition(condition: .onQueue(queue))
        do {
            try environment.ledger.record(entry)
            return true
        } catch {
            logger.critical("cannot record \(entry.instance.key) as \(entry.outcome.rawValue) in the state store: \(error)")
            return false
        }
    }

    // MARK: - Helpers

    /// Gives the heap that parsing and planning left free back to the system: a daemon that sleeps for
    /// weeks should not sit on the peak of its start.
    private func releaseFreedMemory() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }

    private static func policy(_ settings: MainSettings, _ environment: DaemonEnvironment) -> SchedulerPolicy {
        SchedulerPolicy(catchUpLimit: settings.catchUpLimit, lateAfter: environment.lateAfter)
    }

    private var plans: [Plan] { configuration.plans.map(\.plan) }
    private var taskCount: Int { configuration.plans.reduce(0) { $0 + $1.plan.tasks.count } }

    private static func index(_ configuration: Configuration) -> [String: Plan] {
        Dictionary(configuration.plans.map { ($0.plan.id, $0.plan) }, uniquingKeysWith: { first, _ in first })
    }

    private func plan(of instance: ReminderInstance) -> Plan? { plansByID[instance.planID] }

    /// The zone of the instance's plan; an instance of a plan a reload removed is shown in Vietnam's.
    private func zone(_ instance: ReminderInstance) -> TimeZone { plan(of: instance)?.timeZone ?? .vietnam }

    /// Sends `STATUS=` at most once a second: a burst of deliveries must not pay for a status line each.
    private func publishStatus() {
        guard !statusScheduled else { return }
        statusScheduled = true
        queue.asyncAfter(deadline: .now() + 1) { [self] in
            statusScheduled = false
            if !stopping { environment.notifier.notify([("STATUS", statusLine())]) }
        }
    }

    /// The `STATUS=` line: the next reminder, how many are pending, how many tasks are overdue.
    func statusLine() -> String {
        dispatchPrecondition(condition: .onQueue(queue))
        let summary = scheduler.summary(now: environment.clock.now())
        var text = "\(summary.pending) pending, \(summary.overdue) overdue"
        if let next = summary.next {
            text = "next: \(next.planID)/\(next.taskID) \(next.kind.rawValue) at \(ISOTimestamp.string(next.at, zone: zone(next))); " + text
        } else {
            text = "nothing scheduled; " + text
        }
        return text
    }

    private func metadata(_ instance: ReminderInstance, attempt: Int? = nil, mailID: String? = nil) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "plan": .string(instance.planID), "task": .string(instance.taskID), "kind": .string(instance.kind.rawValue),
            "due": .string(instance.dueDay.iso), "recipients": .string(instance.recipients.joined(separator: " ")),
        ]
        if let task = plan(of: instance)?.task(instance.taskID) {
            metadata["department"] = .string(task.owners.joined(separator: " "))
        }
        if let attempt { metadata["attempt"] = .string("\(attempt)") }
        if let mailID { metadata["mail_id"] = .string(mailID) }
        return metadata
    }

    /// Logs an event with its `MESSAGE_ID`; the caller's place becomes `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`.
    private func log(_ level: Logger.Level, _ messageID: String, _ message: String, _ instance: ReminderInstance? = nil,
                     attempt: Int? = nil, mailID: String? = nil,
                     file: String = #fileID, function: String = #function, line: UInt = #line) {
        var metadata = instance.map { self.metadata($0, attempt: attempt, mailID: mailID) } ?? [:]
        metadata["message_id"] = .string(messageID)
        logger.log(level: level, "\(message)", metadata: metadata, file: file, function: function, line: line)
    }
}

#if os(Linux)
/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore
import Synchronization

/// The running daemon: one serial queue owns the scheduler; one wall-clock timer wakes it for the
/// earliest reminder; signal sources and delivery results arrive on the same queue.
///
/// A nonisolated class on purpose: handlers written in a main-actor context would crash when
/// Dispatch calls them on this queue. Everything mutable is touched only on `queue`, which the
/// queue-confined entry points assert.
public final class Daemon: @unchecked Sendable {
    let queue = DispatchQueue(label: "nhacviec.scheduler")
    let deliveryQueue = DispatchQueue(label: "nhacviec.delivery")
    let environment: DaemonEnvironment
    var logger: Logger
    var configuration: Configuration
    /// Each plan by id, of `configuration`: looked up for every delivery and log entry.
    var plansByID: [String: Plan]
    var renderer: any MessageRenderer
    var transport: any MailTransport
    var scheduler: Scheduler
    /// The weekly digests' state machine, on the same queue and the same one timer as `scheduler`.
    var digests: DigestScheduler
    /// How many tasks a digest being completed listed, by digest key.
    var digestCounts: [String: Int] = [:]
    var timer: DispatchSourceTimer?
    var watchdog: DispatchSourceTimer?
    var signalSources: [DispatchSourceSignal] = []
    let inFlight = DispatchGroup()
    var mailIDs: [String: String] = [:]
    var stopping = false
    /// Read by the delivery queue: once set, queued deliveries are dropped unsent and unrecorded.
    let stopRequested = Atomic<Bool>(false)
    var statusScheduled = false
    var reloading = false
    /// Instances recorded since a reload read the ledger off the queue: the prepared scheduler does not know them.
    var handledDuringReload: [ReminderInstance] = []
    var reloadAgain = false
    /// Set while the ledger cannot be written: sending is paused until it can.
    var storeTrouble: (since: Date, reason: String)?
    /// Outcomes that could not be written yet; written first once the store works again.
    var unwritten: [LedgerEntry] = []
    var storeProbe: DispatchSourceTimer?
    let onExit: @Sendable (Int32) -> Void

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
        self.digests = DigestScheduler(policy: Self.policy(configuration.settings, environment))
        self.onExit = onExit
    }

    /// Installs signal handlers, loads the ledger, sends what is due, arms the timer, then says READY.
    public func start() {
        queue.async { [self] in
            installSignalSources()
            let records: [TaskKey: TaskRecord]
            let digestKeys: Set<String>
            do {
                reportInterruptedAttempts(try environment.ledger.takeInterruptedAttempts())
                records = try environment.ledger.records()
                digestKeys = try environment.ledger.digestKeys()
            } catch {
                logger.critical("cannot read the state store: \(error)")
                onExit(1)
                return
            }
            log(.notice, JournalMessageID.daemonStarted, "nhacviec started: \(configuration.plans.count) plans, \(taskCount) tasks")
            if configuration.plans.isEmpty {
                logger.notice("no plans in \(configuration.settings.plansDirectory): nothing to send; add a plan and run systemctl reload nhacviec")
            }
            handle(scheduler.load(plans: plans, records: records, now: environment.clock.now()))
            handleDigests(digests.load(plans: plans, handled: digestKeys, now: environment.clock.now()))
            arm()
            startWatchdog()
            environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
            environment.onConfigurationLoaded(configuration)
            // After READY: returning the start's freed memory takes a while at national scale, and the timer is armed.
            releaseFreedMemory()
        }
    }

    /// Re-reads the configuration off the scheduler's queue, then swaps it in on the queue in one step;
    /// a broken one is rejected and the old one keeps running. Reloads asked for meanwhile run once after.
    public func reload() {
        queue.async { [self] in
            guard !stopping else { return }
            guard !reloading else {
                reloadAgain = true
                return
            }
            reloading = true
            handledDuringReload = []
            let monotonic = DispatchTime.now().uptimeNanoseconds / 1000
            environment.notifier.notify([("RELOADING", "1"), ("MONOTONIC_USEC", "\(monotonic)")])
            // Not the scheduler itself: a copy sharing its arrays would make the next send on this queue copy
            // them all (copy on write), tens of milliseconds at national scale.
            let load = environment.loadConfiguration, ledger = environment.ledger, blank = scheduler.blank()
            let policy = Self.policy
            BackgroundWork.run { [self] in
                // Parse and plan here, at the lowest priority; only the swap happens on the scheduler's queue.
                let result = Result { () throws -> Reloaded in
                    let fresh = try load()
                    var base = blank
                    base.policy = policy(fresh.settings, environment)
                    let prepared = base.prepared(plans: fresh.plans.map(\.plan), calendar: fresh.calendar, records: try ledger.records())
                    return Reloaded(configuration: fresh, scheduler: prepared, plansByID: Self.index(fresh))
                }
                queue.async { [self] in finishReload(result) }
            }
        }
    }

    private func finishReload(_ result: Result<Reloaded, any Error>) {
        dispatchPrecondition(condition: .onQueue(queue))
        reloading = false
        defer { handledDuringReload = [] }
        guard !stopping else { return }
        do {
            let reloaded = try result.get()
            let fresh = reloaded.configuration
            if fresh.settings.statePath != configuration.settings.statePath {
                logger.warning("state moved to \(fresh.settings.statePath) in the main file; still using \(configuration.settings.statePath) until a restart")
            }
            let retired = RetiredState([configuration, scheduler, plansByID])
            configuration = fresh
            plansByID = reloaded.plansByID
            renderer = environment.makeRenderer(fresh.settings)
            transport = environment.makeTransport(fresh.settings)
            handle(scheduler.adopt(reloaded.scheduler, handledSince: handledDuringReload, now: environment.clock.now(), afterReload: true))
            // Digest streams are one per address, few enough to plan here.
            digests.policy = scheduler.policy
            let digestKeys = try environment.ledger.digestKeys()
            handleDigests(digests.load(plans: plans, handled: digestKeys, now: environment.clock.now(), afterReload: true))
            log(.notice, JournalMessageID.configReloaded, "configuration reloaded: \(fresh.plans.count) plans, \(taskCount) tasks")
            environment.onConfigurationLoaded(fresh)
            BackgroundWork.run { [self] in
                retired.drop()
                releaseFreedMemory()
            }
        } catch let error as ConfigurationError {
            log(.error, JournalMessageID.configRejected, "configuration rejected (\(error.diagnostics.count) problems); still running the previous one")
            for diagnostic in error.diagnostics { logger.error("\(diagnostic.description)") }
        } catch {
            log(.error, JournalMessageID.configRejected, "reload failed: \(error); still running the previous configuration")
        }
        arm()
        environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
        if reloadAgain {
            reloadAgain = false
            reload()
        }
    }

    /// Stops taking work: the one delivery in flight may finish and be recorded (up to the grace period),
    /// the queued ones are dropped unsent, a sendmail still running after the grace is killed, then exit 0.
    public func stop() {
        queue.async { [self] in
            guard !stopping else { return }
            stopping = true
            stopRequested.store(true, ordering: .sequentiallyConsistent)
            timer?.cancel()
            watchdog?.cancel()
            storeProbe?.cancel()
            environment.notifier.notify([("STOPPING", "1"), ("STATUS", "stopping")])
            let grace = environment.stopGrace, transport = transport, inFlight = inFlight
            // A thread of its own: waiting on a global queue would start libdispatch's worker-pool monitor.
            Thread.detachNewThread { [self] in
                let finished = inFlight.wait(timeout: .now() + grace) == .success || {
                    transport.cancel()
                    return inFlight.wait(timeout: .now() + 5) == .success
                }()
                queue.async { [self] in
                    if !finished { logger.warning("a sendmail was still running after \(Int(grace)) s and was killed; it is not recorded as sent") }
                    log(.notice, JournalMessageID.daemonStopped, "nhacviec stopped")
                    onExit(0)
                }
            }
        }
    }
}

/// What a reload worked out off the scheduler's queue, swapped in on it in one step.
struct Reloaded: Sendable {
    var configuration: Configuration
    var scheduler: Scheduler
    var plansByID: [String: Plan]
}

#if os(Linux)
/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
func glibcMallocTrim(_ pad: Int) -> Int32
#endif

import Foundation
import Logging
import NhacViecCore
import Synchronization

/// The running daemon: on one serial context it owns the scheduler; one wall-clock timer wakes it for the
/// earliest send; signals and delivery results arrive on the same context (`DaemonRuntime`).
///
/// A nonisolated class on purpose: handlers written in a main-actor context would crash when Dispatch calls them.
/// Everything mutable is touched only on the runtime's serial context, which the entry points assert.
public final class Daemon: @unchecked Sendable {
    let environment: DaemonEnvironment
    let runtime: any DaemonRuntime
    var logger: Logger
    /// Where the daemon is in its life; changed by `transition(to:)` only.
    private(set) var phase = DaemonPhase.starting
    /// The configuration in force and what is built from it.
    var loaded: Loaded
    var scheduler: Scheduler
    /// Sends waiting for the delivery thread, and the one on it.
    var outbox = Outbox()
    /// Whether the state file can be written, and the outcomes waiting until it can.
    var store = StoreHealth()
    var timers = Timers()
    /// Read by the delivery thread: once set, a send not yet begun is dropped unsent and unrecorded.
    let stopRequested = Atomic<Bool>(false)
    let onExit: @Sendable (Int32) -> Void

    /// Builds the daemon from an already validated configuration; nothing runs until `start`.
    public init(configuration: Configuration, environment: DaemonEnvironment, onExit: @escaping @Sendable (Int32) -> Void) {
        self.environment = environment
        self.runtime = environment.runtime
        self.logger = environment.logger
        self.loaded = Loaded(configuration, environment)
        self.scheduler = Scheduler(planner: ReminderPlanner(calendar: configuration.calendar),
                                   policy: Self.policy(configuration.settings, environment))
        self.onExit = onExit
    }

    /// The phase, read on the serial context (for tests and the status line).
    public var currentPhase: DaemonPhase {
        runtime.assertOnContext()
        return phase
    }

    /// Moves to `next`; a move the diagram of `DaemonPhase` does not allow is a bug and stops a debug build.
    func transition(to next: DaemonPhase) {
        runtime.assertOnContext()
        assert(phase.allows(next), "illegal daemon phase change: \(phase.name) → \(next.name)")
        phase = next
    }

    /// Replaces the phase's bookkeeping without changing the phase (see `noteHandledDuringReload`).
    func setPhase(_ same: DaemonPhase) { phase = same }

    /// Installs signal handlers, loads the ledger, sends what is due, arms the timer, then says READY.
    public func start() {
        runtime.async { [self] in
            runtime.handleSignals([SIGHUP: { [self] in reload() }, SIGTERM: { [self] in stop() }, SIGINT: { [self] in stop() }])
            let records: [TaskKey: TaskRecord]
            do {
                reportInterruptedAttempts(try environment.ledger.takeInterruptedAttempts())
                records = try environment.ledger.records()
            } catch {
                logger.critical("cannot read the state file: \(error)")
                transition(to: .stopped)
                onExit(1)
                return
            }
            let configuration = loaded.configuration
            log(.notice, JournalMessageID.daemonStarted, "nhacviec started: \(configuration.plans.count) plans, \(taskCount) tasks")
            if configuration.plans.isEmpty {
                logger.notice("no plans in \(configuration.settings.plansDirectory): nothing to send; add a plan and run systemctl reload nhacviec")
            }
            transition(to: .running)
            handle(scheduler.load(plans: plans, records: records, now: environment.clock.now()))
            arm()
            startWatchdog()
            environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
            environment.onConfigurationLoaded(configuration)
            // After READY: returning the start's freed memory takes a while at national scale, and the timer is armed.
            releaseFreedMemory()
        }
    }

    /// Stops taking work: the one send in flight may finish and be recorded (up to the grace period), the queued
    /// ones are dropped unsent, a sendmail still running after the grace is killed, then exit 0.
    public func stop() {
        runtime.async { [self] in
            guard !phase.isStopping else { return }
            transition(to: .draining)
            stopRequested.store(true, ordering: .sequentiallyConsistent)
            timers.cancelAll()
            let dropped = outbox.dropQueued()
            if dropped > 0 { logger.notice("\(dropped) queued send(s) dropped unsent by the stop; they go out at the next start") }
            environment.notifier.notify([("STOPPING", "1"), ("STATUS", "stopping")])
            guard outbox.running else { return finishStop(killed: false) }
            let grace = environment.stopGrace, transport = loaded.transport
            timers.stopGrace = runtime.timer(after: grace) { [self] in
                guard phase == .draining else { return }
                transport.cancel()
                // The killed sendmail's outcome comes back as a failure; five seconds more, then exit regardless.
                timers.stopGrace = runtime.timer(after: 5) { [self] in
                    if phase == .draining { finishStop(killed: true) }
                }
            }
        }
    }

    /// The end of a stop: the send in flight has been recorded, or given up on.
    func finishStop(killed: Bool) {
        runtime.assertOnContext()
        timers.stopGrace?.cancel()
        if killed {
            logger.warning("a sendmail was still running after \(Int(environment.stopGrace)) s and was killed; it is not recorded as sent")
        }
        log(.notice, JournalMessageID.daemonStopped, "nhacviec stopped")
        transition(to: .stopped)
        onExit(0)
    }
}

/// The configuration in force and what the daemon builds from it; a reload swaps it whole.
struct Loaded: Sendable {
    var configuration: Configuration
    /// Each plan by id: looked up for every delivery and log entry.
    var plansByID: [String: Plan]
    var renderer: any MessageRenderer
    var transport: any MailTransport

    init(_ configuration: Configuration, _ environment: DaemonEnvironment) {
        self.configuration = configuration
        self.plansByID = Dictionary(configuration.plans.map { ($0.plan.id, $0.plan) }, uniquingKeysWith: { first, _ in first })
        self.renderer = environment.makeRenderer(configuration.settings)
        self.transport = environment.makeTransport(configuration.settings)
    }
}

/// The daemon's timers: the one that wakes it for the next send, and the few that run only in passing.
struct Timers {
    var wakeup: (any DaemonTimer)?
    var watchdog: (any DaemonTimer)?
    var storeProbe: (any DaemonTimer)?
    var status: (any DaemonTimer)?
    var stopGrace: (any DaemonTimer)?

    /// Cancels every timer but the stop's own grace.
    mutating func cancelAll() {
        for timer in [wakeup, watchdog, storeProbe, status] { timer?.cancel() }
        (wakeup, watchdog, storeProbe, status) = (nil, nil, nil, nil)
    }
}

#if os(Linux)
/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
func glibcMallocTrim(_ pad: Int) -> Int32
#endif

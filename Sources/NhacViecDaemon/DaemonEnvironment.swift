import Foundation
import Logging
import NhacViecCore

/// Everything the daemon is wired to; the executable builds the real one, tests a fake one.
public struct DaemonEnvironment: Sendable {
    /// Loads and validates the configuration (at start and on SIGHUP).
    public var loadConfiguration: @Sendable () throws -> Configuration
    /// The ledger.
    public var ledger: any Ledger
    /// Builds the mail transport from the main settings (at start and on each reload).
    public var makeTransport: @Sendable (MainSettings) -> any MailTransport
    /// Builds messages from the current configuration's main settings.
    public var makeRenderer: @Sendable (MainSettings) -> any MessageRenderer
    /// Real or virtual time.
    public var clock: any TimeSource
    /// Where the daemon runs: Dispatch in production, a manual runtime in step-by-step tests.
    public var runtime: any DaemonRuntime
    /// Where events are logged.
    public var logger: Logger
    /// The service manager.
    public var notifier: any ServiceNotifier
    /// Reminders sent more than this after their instant are marked late.
    public var lateAfter: TimeInterval
    /// How long a stop waits for a sendmail in flight.
    public var stopGrace: TimeInterval
    /// Reminders due before this are not sent: the ledger was started afresh then (`--new-ledger`).
    public var historyStartsAt: Date?
    /// Called on the scheduler's queue with the configuration in force, after the start (once READY) and after each
    /// accepted reload: the executable refreshes the calendar files here. It must return quickly (hand the work to a
    /// queue of its own) and never throw.
    public var onConfigurationLoaded: @Sendable (Configuration) -> Void

    /// Creates an environment.
    public init(loadConfiguration: @escaping @Sendable () throws -> Configuration, ledger: any Ledger,
                makeTransport: @escaping @Sendable (MainSettings) -> any MailTransport,
                makeRenderer: @escaping @Sendable (MainSettings) -> any MessageRenderer, clock: any TimeSource, logger: Logger,
                notifier: any ServiceNotifier = SilentNotifier(), lateAfter: TimeInterval = 600, stopGrace: TimeInterval = 30,
                historyStartsAt: Date? = nil, runtime: any DaemonRuntime = DispatchRuntime(),
                onConfigurationLoaded: @escaping @Sendable (Configuration) -> Void = { _ in }) {
        self.runtime = runtime
        self.loadConfiguration = loadConfiguration
        self.ledger = ledger
        self.makeTransport = makeTransport
        self.makeRenderer = makeRenderer
        self.clock = clock
        self.logger = logger
        self.notifier = notifier
        self.lateAfter = lateAfter
        self.stopGrace = stopGrace
        self.historyStartsAt = historyStartsAt
        self.onConfigurationLoaded = onConfigurationLoaded
    }
}

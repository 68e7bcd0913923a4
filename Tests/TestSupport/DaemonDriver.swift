import Foundation
import InMemoryLogging
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecMail

/// The real daemon on a manual runtime and a manual clock, stepped by the test: no thread, no sleep. Its ledger,
/// transport and notifier are the in-memory doubles, and its log lines are kept by swift-log's in-memory handler.
public final class DaemonDriver: Sendable {
    /// What the daemon handed to sendmail.
    public let transport = RecordingTransport()
    /// The ledger.
    public let ledger = InMemoryLedger()
    /// What the daemon told the service manager.
    public let notifier = RecordingNotifier()
    /// The exit status the daemon asked for.
    public let exit = ExitRecorder()
    /// Every log line.
    public let logs = InMemoryLogHandler()
    /// The runtime the test steps.
    public let runtime: ManualRuntime
    /// The daemon under test.
    public let daemon: Daemon
    private let fileStore: FileStore

    /// Loads `mainFile` from `files` and builds the daemon; the clock shows `from` (`YYYY-MM-DDTHH:MM`, Vietnam).
    public init(files: [String: String], mainFile: String, from: String, stopGrace: TimeInterval = 30,
                bounceAddress: (@Sendable (Int64) -> String)? = nil,
                onConfigurationLoaded: @escaping @Sendable (Configuration) -> Void = { _ in }) throws {
        let store = FileStore(files)
        fileStore = store
        runtime = ManualRuntime(clock: ManualClock(Fixtures.instant(from)))
        let loadFiles: @Sendable () throws -> Configuration = {
            try ConfigurationLoader(source: MemoryConfigurationSource(files: store.files)).load(mainFile: mainFile)
        }
        let logs = logs
        let environment = DaemonEnvironment(
            loadConfiguration: loadFiles, ledger: ledger, makeTransport: { [transport] _ in transport },
            makeRenderer: { settings in
                MessageComposer(from: settings.from, envelopeSender: settings.envelopeSender, bounceAddress: bounceAddress)
            },
            clock: runtime.clock, logger: Logger(label: "test", factory: { _ in logs }), notifier: notifier, stopGrace: stopGrace,
            runtime: runtime, onConfigurationLoaded: onConfigurationLoaded)
        let exit = exit
        daemon = Daemon(configuration: try loadFiles(), environment: environment, onExit: { exit.record($0) })
    }

    /// The configuration files; a change is seen at the next reload.
    public var files: [String: String] {
        get { fileStore.files }
        set { fileStore.files = newValue }
    }

    /// Starts the daemon and runs its start to the end (READY).
    public func start() {
        daemon.start()
        runtime.runUntilIdle()
    }

    /// Moves the clock to `instant` (`YYYY-MM-DDTHH:MM`, Vietnam), firing every timer on the way.
    public func advance(to instant: String) { runtime.advance(to: Fixtures.instant(instant)) }

    /// The phase, read on the daemon's context.
    public var phase: DaemonPhase {
        let box = PhaseBox()
        runtime.async { [daemon] in box.value = daemon.currentPhase }
        runtime.runUntilIdle()
        return box.value
    }

    /// The log lines whose message contains `text`.
    public func logged(_ text: String) -> [InMemoryLogHandler.Entry] {
        logs.entries.filter { "\($0.message)".contains(text) }
    }
}

/// A phase read on the daemon's context and handed to the test's thread (one thread here: the manual runtime's).
private final class PhaseBox: @unchecked Sendable {
    var value = DaemonPhase.starting
}

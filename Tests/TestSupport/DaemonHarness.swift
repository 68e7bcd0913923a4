import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecMail
import Synchronization

/// The real daemon (queue, Dispatch timer, delivery queue) on a fast virtual clock, with configuration
/// files in memory, a recording transport, an in-memory ledger and a recording notifier.
public final class DaemonHarness: Sendable {
    /// What the daemon handed to sendmail.
    public let transport = RecordingTransport()
    /// The ledger.
    public let ledger = InMemoryLedger()
    /// What the daemon told the service manager.
    public let notifier = RecordingNotifier()
    /// The exit status the daemon asked for.
    public let exit = ExitRecorder()
    /// The task count of each configuration the daemon handed to `onConfigurationLoaded`, in order.
    public let configurationsLoaded = TaskCounts()
    /// The virtual clock.
    public let clock: VirtualClock
    /// The daemon under test.
    public let daemon: Daemon
    private let fileStore: FileStore

    /// Loads `mainFile` from `files` and builds the daemon; the clock shows `from` (`YYYY-MM-DDTHH:MM`, Vietnam) now.
    /// `bounceAddress` gives each copy a signed envelope sender, as the wiring does when replies by mail are on.
    public init(files: [String: String], mainFile: String, from: String, speed: Double = 100_000,
                bounceAddress: (@Sendable (Int64) -> String)? = nil) throws {
        let store = FileStore(files)
        fileStore = store
        clock = VirtualClock(origin: Fixtures.instant(from), speed: speed, realStart: Date())
        let loadFiles: @Sendable () throws -> Configuration = {
            try ConfigurationLoader(source: MemoryConfigurationSource(files: store.files)).load(mainFile: mainFile)
        }
        let environment = DaemonEnvironment(
            loadConfiguration: loadFiles, ledger: ledger, makeTransport: { [transport] _ in transport },
            makeRenderer: { settings in
                MessageComposer(from: settings.from, envelopeSender: settings.envelopeSender, bounceAddress: bounceAddress)
            },
            clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), notifier: notifier, stopGrace: 5,
            onConfigurationLoaded: { [configurationsLoaded] configuration in
                configurationsLoaded.append(configuration.plans.reduce(0) { $0 + $1.plan.tasks.count })
            })
        let exit = exit
        daemon = Daemon(configuration: try loadFiles(), environment: environment, onExit: { exit.record($0) })
    }

    /// The configuration files; a change is seen at the next reload.
    public var files: [String: String] {
        get { fileStore.files }
        set { fileStore.files = newValue }
    }

    /// Waits until `count` messages were sent (or the timeout passes) and returns them all.
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 20) -> [OutgoingMail] {
        let deadline = Date().addingTimeInterval(timeout)
        while transport.messages.count < count && Date() < deadline { usleep(10_000) }
        return transport.messages
    }

    /// Stops the daemon and returns its exit status, or nil when it did not exit within 10 s.
    public func stop() -> Int32? {
        daemon.stop()
        return exit.wait(seconds: 10)
    }
}

/// Numbers recorded on one queue and read on another.
public final class TaskCounts: Sendable {
    private let storage = Mutex<[Int]>([])

    /// Creates an empty list.
    public init() {}

    /// Records one.
    public func append(_ count: Int) { storage.withLock { $0.append(count) } }

    /// Everything recorded so far.
    public var all: [Int] { storage.withLock { $0 } }
}

/// Configuration files that a test changes while the daemon reads them on another queue.
final class FileStore: Sendable {
    private let storage: Mutex<[String: String]>

    init(_ files: [String: String]) {
        storage = Mutex(files)
    }

    var files: [String: String] {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

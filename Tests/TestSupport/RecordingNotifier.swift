import NhacViecCore
import Synchronization

/// A service-manager notifier that keeps every assignment sent, as systemd would receive them.
public final class RecordingNotifier: ServiceNotifier {
    private let sent = Mutex<[(String, String)]>([])

    /// Creates a notifier without a watchdog.
    public init() {}

    public func notify(_ assignments: [(String, String)]) {
        sent.withLock { $0 += assignments }
    }

    public var watchdogPingInterval: Double? { nil }

    /// Every value sent for `key`, oldest first.
    public func values(of key: String) -> [String] {
        sent.withLock { $0.filter { $0.0 == key }.map(\.1) }
    }
}

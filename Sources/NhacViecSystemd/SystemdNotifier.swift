import CSystemd
import NhacViecCore

/// Talks to the service manager through `sd_notify`; silent when `NOTIFY_SOCKET` is unset.
public struct SystemdNotifier: ServiceNotifier {
    /// Creates the notifier.
    public init() {}

    /// Sends `KEY=value` lines in one datagram.
    public func notify(_ assignments: [(String, String)]) {
        let state = assignments.map { "\($0.0)=\($0.1.replacingOccurrences(of: "\n", with: " "))" }.joined(separator: "\n")
        _ = sd_notify(0, state)
    }

    /// Half of `WATCHDOG_USEC`, in seconds, when the manager expects watchdog pings.
    public var watchdogPingInterval: Double? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return Double(usec) / 2_000_000
    }
}

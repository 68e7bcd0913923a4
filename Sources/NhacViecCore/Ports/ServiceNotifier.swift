/// Tells the service manager how the daemon is doing (sd_notify in production).
public protocol ServiceNotifier: Sendable {
    /// Sends `KEY=value` assignments, e.g. `READY=1` and `STATUS=…`.
    func notify(_ assignments: [(String, String)])
    /// Half the watchdog interval when the manager expects pings, else nil.
    var watchdogPingInterval: Double? { get }
}

/// A notifier for when no service manager listens.
public struct SilentNotifier: ServiceNotifier {
    /// Creates the notifier.
    public init() {}
    public func notify(_ assignments: [(String, String)]) {}
    public var watchdogPingInterval: Double? { nil }
}

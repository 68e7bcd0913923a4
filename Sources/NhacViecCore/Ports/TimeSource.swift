import Foundation

/// The source of the current instant, real or virtual; named apart from the standard library's `Clock`,
/// which measures durations rather than telling the wall-clock instant.
public protocol TimeSource: Sendable {
    /// The current instant.
    func now() -> Date
    /// Real seconds to wait until the clock shows `instant` (0 if it already has).
    func realDelay(until instant: Date) -> TimeInterval
    /// A delivery began; a rehearsal clock stands still until it ends.
    func deliveryStarted()
    /// A delivery ended.
    func deliveryFinished()
}

extension TimeSource {
    /// Real time does not stop for deliveries.
    public func deliveryStarted() {}
    /// Real time does not stop for deliveries.
    public func deliveryFinished() {}
}

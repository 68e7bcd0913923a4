import Foundation
import NhacViecCore

/// The system's wall clock.
public struct SystemClock: TimeSource {
    /// Creates the clock.
    public init() {}
    public func now() -> Date { Date() }
    public func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSinceNow) }
}

import Foundation
import NhacViecCore
import Synchronization

/// A clock that shows what the test sets, and never moves by itself.
public final class ManualClock: TimeSource, Sendable {
    private let instant: Mutex<Date>

    /// Creates a clock showing `now`.
    public init(_ now: Date) { instant = Mutex(now) }

    public func now() -> Date { instant.withLock { $0 } }

    /// Sets the clock; it may go back, as a system clock set by hand can.
    public func set(_ now: Date) { instant.withLock { $0 = now } }

    public func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSince(now())) }
}

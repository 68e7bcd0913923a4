import Foundation
import NhacViecCore

/// The system's wall clock.
public struct SystemClock: Clock {
    /// Creates the clock.
    public init() {}
    public func now() -> Date { Date() }
    public func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSinceNow) }
}

/// A clock that starts at a chosen instant and runs `speed` times faster than real time (rehearsals).
///
/// It stands still while a delivery is in flight: at rehearsal speeds one real second of sendmail
/// would otherwise be days of plan time, and later reminders would overtake the ones being sent.
public final class VirtualClock: Clock, @unchecked Sendable {
    private let origin: Date
    private let realStart: Date
    private let speed: Double
    private let lock = NSLock()
    private var held = 0
    private var heldSince: Date?
    private var heldTotal: TimeInterval = 0

    /// Creates a clock showing `origin` now, running `speed` times faster.
    public init(origin: Date, speed: Double, realStart: Date) {
        self.origin = origin
        self.speed = speed
        self.realStart = realStart
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        let real = (heldSince ?? Date()).timeIntervalSince(realStart) - heldTotal
        return origin.addingTimeInterval(real * speed)
    }

    public func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSince(now()) / speed) }

    public func deliveryStarted() {
        lock.lock()
        defer { lock.unlock() }
        if held == 0 { heldSince = Date() }
        held += 1
    }

    public func deliveryFinished() {
        lock.lock()
        defer { lock.unlock() }
        held -= 1
        if held == 0, let since = heldSince {
            heldTotal += Date().timeIntervalSince(since)
            heldSince = nil
        }
    }
}

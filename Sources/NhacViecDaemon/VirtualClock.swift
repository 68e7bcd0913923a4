import Foundation
import NhacViecCore
import Synchronization

/// A clock that starts at a chosen instant and runs `speed` times faster than real time (rehearsals).
///
/// It stands still while a delivery is in flight: at rehearsal speeds one real second of sendmail
/// would otherwise be days of plan time, and later reminders would overtake the ones being sent.
public final class VirtualClock: TimeSource {
    private struct Hold {
        var count = 0
        var since: Date?
        var total: TimeInterval = 0
    }

    private let origin: Date
    private let realStart: Date
    private let speed: Double
    private let hold = Mutex(Hold())

    /// Creates a clock showing `origin` now, running `speed` times faster.
    public init(origin: Date, speed: Double, realStart: Date) {
        self.origin = origin
        self.speed = speed
        self.realStart = realStart
    }

    public func now() -> Date {
        let real = hold.withLock { ($0.since ?? Date()).timeIntervalSince(realStart) - $0.total }
        return origin.addingTimeInterval(real * speed)
    }

    public func realDelay(until instant: Date) -> TimeInterval { max(0, instant.timeIntervalSince(now()) / speed) }

    public func deliveryStarted() {
        hold.withLock { hold in
            if hold.count == 0 { hold.since = Date() }
            hold.count += 1
        }
    }

    public func deliveryFinished() {
        hold.withLock { hold in
            hold.count -= 1
            if hold.count == 0, let since = hold.since {
                hold.total += Date().timeIntervalSince(since)
                hold.since = nil
            }
        }
    }
}

import Foundation

/// Exponential backoff for temporary delivery failures: from one minute, doubling, capped, for a bounded time.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait before the second attempt.
    public var initialDelay: TimeInterval
    /// The longest wait between attempts.
    public var maximumDelay: TimeInterval
    /// How long after the first attempt to keep trying before giving up.
    public var giveUpAfter: TimeInterval

    /// Creates a policy; the defaults are 1 minute, 1 hour and 3 days.
    public init(initialDelay: TimeInterval = 60, maximumDelay: TimeInterval = 3600, giveUpAfter: TimeInterval = 3 * 86400) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The wait after the given failed attempt (1 for the first).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(max(0, attempt - 1))
        return min(maximumDelay, initialDelay * pow(2, min(exponent, 40)))
    }

    /// The instant of the next attempt, or nil when it would be past the give-up limit.
    public func nextAttempt(afterAttempt attempt: Int, firstAttemptAt: Date, now: Date) -> Date? {
        let next = now.addingTimeInterval(delay(afterAttempt: attempt))
        return next.timeIntervalSince(firstAttemptAt) > giveUpAfter ? nil : next
    }
}

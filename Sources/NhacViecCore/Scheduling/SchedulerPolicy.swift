import Foundation

/// Tunables of the scheduler.
public struct SchedulerPolicy: Sendable, Hashable {
    /// Missed reminders older than this are skipped rather than sent.
    public var catchUpLimit: TimeInterval
    /// A reminder sent more than this after its instant is marked late.
    public var lateAfter: TimeInterval
    /// Backoff for temporary failures.
    public var retry: RetryPolicy
    /// Reminders due before this instant are not sent: the ledger was started afresh then, without
    /// the history that would say whether they went out.
    public var historyStartsAt: Date?

    /// Creates a policy; the defaults are 7 days, 10 minutes and the default backoff.
    public init(catchUpLimit: TimeInterval = 7 * 86400, lateAfter: TimeInterval = 600, retry: RetryPolicy = RetryPolicy(),
                historyStartsAt: Date? = nil) {
        self.catchUpLimit = catchUpLimit
        self.lateAfter = lateAfter
        self.retry = retry
        self.historyStartsAt = historyStartsAt
    }
}

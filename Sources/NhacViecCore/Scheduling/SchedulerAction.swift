import Foundation

/// One attempt to deliver one send: a reminder or a digest.
public struct Delivery: Hashable, Sendable {
    /// What is being delivered.
    public var send: Send
    /// 1 for the first attempt, then 2, 3…
    public var attempt: Int
    /// When the first attempt was made.
    public var firstAttemptAt: Date
    /// Whether it is sent late, after downtime.
    public var isLate: Bool
    /// Whether it fell due because a reload moved its date: past its instant, but not missed.
    public var movedByReload: Bool

    /// Creates a delivery.
    public init(send: Send, attempt: Int, firstAttemptAt: Date, isLate: Bool, movedByReload: Bool = false) {
        self.send = send
        self.attempt = attempt
        self.firstAttemptAt = firstAttemptAt
        self.isLate = isLate
        self.movedByReload = movedByReload
    }
}

/// Why an instance is recorded without being sent.
public enum SkipReason: String, Sendable, Hashable {
    /// A later reminder of the same task was also missed and is sent instead.
    case superseded
    /// It was missed by more than the catch-up limit.
    case tooLate = "too-late"
    /// Its task was marked done before it was due.
    case taskDone = "task-done"
    /// It fell due before the ledger was started afresh (`--new-ledger`), whose history is gone.
    case historyLost = "history-lost"
    /// A digest with nothing to list: no mail goes out.
    case empty
    /// An advance reminder on the day of the weekly digest that lists the task: the digest carries it.
    case inDigest = "in-digest"
}

/// What the outside world reports back after a delivery attempt.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The transport accepted the message.
    case sent
    /// The transport failed in a way worth retrying.
    case temporaryFailure(String)
    /// The transport failed for good.
    case permanentFailure(String)
    /// The mail system refused the recipients for good at once (sendmail exit 65, e.g. a relay's 550 user
    /// unknown): a permanent failure that also marks the addresses undeliverable, since no report will come.
    case refused(String)
    /// The task was found done just before sending; nothing was sent.
    case taskDone
    /// Nothing needed sending, for this reason (a digest with nothing to list, an advance reminder the digest
    /// carries); the send is recorded as skipped, and its task is not taken for done.
    case notNeeded(SkipReason)
    /// The attempt could not be written to the ledger, so nothing was sent; it waits for the store.
    case storeUnavailable(String)
    /// The daemon is stopping; nothing was sent and nothing is recorded.
    case cancelled
}

/// What the scheduler asks its driver to do.
public enum SchedulerAction: Sendable, Hashable {
    /// Check the task is not done, render and send, then report the outcome.
    case send(Delivery)
    /// Record the send as skipped and log why.
    case skip(Send, SkipReason)
    /// Record that a delivery will be retried at an instant.
    case deferred(Delivery, retryAt: Date, reason: String)
    /// Record the instance as failed and report it to the plan's admins.
    case failed(Delivery, reason: String)
    /// Record the instance as delivered.
    case delivered(Delivery)
}

import Foundation

/// One row of the ledger's `digest` table: what happened to one week's digest of one address.
public struct DigestEntry: Sendable, Hashable {
    /// The digest.
    public var instance: DigestInstance
    /// What happened: sent, skipped (missed, superseded, or nothing to list) or failed.
    public var outcome: LedgerOutcome
    /// The mail's Message-ID, when a mail was built.
    public var mailID: String?
    /// When it was recorded.
    public var recordedAt: Date
    /// Delivery attempts made.
    public var attempts: Int
    /// How many tasks it listed.
    public var tasks: Int
    /// Why it was skipped or failed, or `late`.
    public var detail: String?

    /// Creates an entry.
    public init(instance: DigestInstance, outcome: LedgerOutcome, mailID: String?, recordedAt: Date, attempts: Int, tasks: Int = 0,
                detail: String?) {
        self.instance = instance
        self.outcome = outcome
        self.mailID = mailID
        self.recordedAt = recordedAt
        self.attempts = attempts
        self.tasks = tasks
        self.detail = detail
    }
}

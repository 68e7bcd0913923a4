import Foundation

/// One row of the ledger: what happened to a reminder instance.
public struct LedgerEntry: Sendable, Hashable {
    /// The instance.
    public var instance: ReminderInstance
    /// The department whose own copy this is; nil for the instance as a whole.
    public var department: String?
    /// What happened.
    public var outcome: LedgerOutcome
    /// The mail's Message-ID, when a mail was built.
    public var mailID: String?
    /// When it was recorded.
    public var recordedAt: Date
    /// Delivery attempts made.
    public var attempts: Int
    /// Why it was skipped or failed.
    public var detail: String?

    /// Creates an entry.
    public init(instance: ReminderInstance, department: String? = nil, outcome: LedgerOutcome, mailID: String?, recordedAt: Date,
                attempts: Int, detail: String?) {
        self.instance = instance
        self.department = department
        self.outcome = outcome
        self.mailID = mailID
        self.recordedAt = recordedAt
        self.attempts = attempts
        self.detail = detail
    }
}

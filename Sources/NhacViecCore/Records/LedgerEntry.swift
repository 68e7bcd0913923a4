import Foundation

/// One row of the ledger: what happened to a send (a reminder or a digest), or to one department's copy of it.
public struct LedgerEntry: Sendable, Hashable {
    /// The send.
    public var send: Send
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
    /// Why it was skipped or failed, or `late`.
    public var detail: String?
    /// How many items the mail listed (a digest's tasks); nil for a reminder.
    public var items: Int?

    /// Creates an entry.
    public init(send: Send, department: String? = nil, outcome: LedgerOutcome, mailID: String?, recordedAt: Date,
                attempts: Int, detail: String?, items: Int? = nil) {
        self.send = send
        self.items = items
        self.department = department
        self.outcome = outcome
        self.mailID = mailID
        self.recordedAt = recordedAt
        self.attempts = attempts
        self.detail = detail
    }
}

import Foundation

/// How a reminder instance ended up in the ledger.
public enum LedgerOutcome: String, Sendable, Hashable, Codable {
    /// The transport accepted it.
    case sent
    /// It was not sent: superseded by a later reminder, or missed beyond the catch-up limit.
    case skipped
    /// Delivery failed for good, or was given up after retries.
    case failed
}

/// One row of the ledger: what happened to a reminder instance.
public struct LedgerEntry: Sendable, Hashable {
    /// The instance.
    public var instance: ReminderInstance
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
    public init(instance: ReminderInstance, outcome: LedgerOutcome, mailID: String?, recordedAt: Date, attempts: Int, detail: String?) {
        self.instance = instance
        self.outcome = outcome
        self.mailID = mailID
        self.recordedAt = recordedAt
        self.attempts = attempts
        self.detail = detail
    }
}

/// A task's completion, as an office member recorded it.
public struct Completion: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// When it was marked done.
    public var doneAt: Date
    /// Who marked it.
    public var doneBy: String?
    /// A free note.
    public var note: String?

    /// Creates a completion.
    public init(task: TaskKey, doneAt: Date, doneBy: String?, note: String?) {
        self.task = task
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.note = note
    }
}

/// The durable record of what was sent and what is done; SQLite in production, memory in tests.
public protocol Ledger: Sendable {
    /// Handled instance keys and done state, per task.
    func records() throws -> [TaskKey: TaskRecord]
    /// Whether a task is marked done, read fresh.
    func isDone(_ task: TaskKey) throws -> Bool
    /// Records what happened to an instance, in one transaction.
    func record(_ entry: LedgerEntry) throws
}

import Foundation

/// The ledger as the office's commands use it: marking tasks done, reopening them, and reading
/// what was done and what was last sent. SQLite in production, memory in tests.
public protocol OfficeLedger: Ledger {
    /// Marks a task done; false when it already was.
    @discardableResult
    func markDone(_ completion: Completion) throws -> Bool
    /// Marks a task not done; false when it was not done.
    @discardableResult
    func reopen(_ task: TaskKey) throws -> Bool
    /// Every completion, by task.
    func completions() throws -> [TaskKey: Completion]
    /// The latest reminder sent for each task.
    func lastSent() throws -> [TaskKey: SentReminder]
}

/// The latest reminder sent for a task, as the ledger recorded it.
public struct SentReminder: Sendable, Hashable {
    /// Its kind (`advance`, `due`, `overdue`, `escalation`).
    public var kind: String
    /// Its local day, `YYYY-MM-DD`.
    public var day: String
    /// When the transport accepted it.
    public var at: Date

    /// Creates a record of a sent reminder.
    public init(kind: String, day: String, at: Date) {
        self.kind = kind
        self.day = day
        self.at = at
    }
}

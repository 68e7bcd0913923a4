import Foundation

/// The ledger as the office's commands use it: marking tasks done, reopening them, and reading
/// what was done and what was last sent. SQLite in production, memory in tests.
public protocol OfficeLedger: Ledger {
    /// Records a completion (of one department, or of the whole task); false when it already was recorded.
    @discardableResult
    func markDone(_ completion: Completion) throws -> Bool
    /// Removes the completion of one department, or every completion of the task; false when there was none.
    @discardableResult
    func reopen(_ task: TaskKey, department: String?) throws -> Bool
    /// Every completion, by task, oldest first.
    func completions() throws -> [TaskKey: [Completion]]
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

import Foundation

/// The durable record of what was sent and what is done; SQLite in production, memory in tests.
public protocol Ledger: Sendable {
    /// Handled instance keys and done state, per task.
    func records() throws -> [TaskKey: TaskRecord]
    /// Whether a task is marked done, read fresh.
    func isDone(_ task: TaskKey) throws -> Bool
    /// Records what happened to an instance, in one transaction.
    func record(_ entry: LedgerEntry) throws
}

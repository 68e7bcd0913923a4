import Foundation

/// The durable record of what was sent and what is done; SQLite in production, memory in tests.
///
/// A send is bracketed: `beginDelivery` is written before sendmail starts, and `record` replaces it
/// with the outcome. A reminder whose attempt cannot be written is not sent; an attempt still open at
/// the next start is a send whose outcome a crash lost (it may have gone out).
public protocol Ledger: Sendable {
    /// Handled instance keys and done state, per task.
    func records() throws -> [TaskKey: TaskRecord]
    /// Whether a task is marked done, read fresh.
    func isDone(_ task: TaskKey) throws -> Bool
    /// Writes that a send of the instance is starting, before the mail leaves.
    func beginDelivery(_ instance: ReminderInstance, mailID: String?, at: Date) throws
    /// Records what happened to an instance, and closes its attempt, in one transaction.
    func record(_ entry: LedgerEntry) throws
    /// Removes and returns the attempts left open by a previous process: sends that may or may not have gone out.
    func takeInterruptedAttempts() throws -> [String]
}

import Foundation

/// The durable record of what was sent and what is done; SQLite in production, memory in tests.
///
/// A send is bracketed: `beginDelivery` is written before sendmail starts, and `record` replaces it
/// with the outcome. A reminder whose attempt cannot be written is not sent; an attempt still open at
/// the next start is a send whose outcome a crash lost (it may have gone out).
public protocol Ledger: Sendable {
    /// Handled send keys and done owners, per task; an address's digests are under `TaskKey.digest(address)`.
    func records() throws -> [TaskKey: TaskRecord]
    /// The owner departments that reported the task done, read fresh.
    func doneOwners(_ task: TaskKey) throws -> DoneOwners
    /// The departments whose own copy of the send the transport already accepted.
    func acceptedCopies(_ send: Send) throws -> Set<String>
    /// Writes that a send (one department's copy, when given) to `recipients` is starting, before the mail leaves;
    /// returns the copy's id, the same for every attempt, which signs its bounce address.
    @discardableResult
    func beginDelivery(_ send: Send, department: String?, recipients: [String], mailID: String?, at: Date) throws -> Int64
    /// Writes that one grouped mail listing `items` (each one department's copy of a send) is starting: an attempt row
    /// per item and one copy id for the mail, which signs its reply and bounce addresses.
    @discardableResult
    func beginGroupDelivery(_ items: [(send: Send, number: Int)], department: String?, recipients: [String], mailID: String?,
                            at: Date) throws -> Int64
    /// Records what happened to a send, or to one department's copy of it, and closes its attempt.
    func record(_ entry: LedgerEntry) throws
    /// Removes and returns the attempts left open by a previous process: sends that may or may not have gone out.
    func takeInterruptedAttempts() throws -> [String]
    /// Marks an address that mail did not reach (a delivery report, or sendmail refusing the recipient at once);
    /// a delay does not replace a permanent failure.
    func markUndeliverable(_ failure: AddressFailure) throws
}

extension ReminderInstance {
    /// The key of one department's copy: the instance's key and the department.
    public func copyKey(_ department: String?) -> String { department.map { "\(key)/\($0)" } ?? key }
}

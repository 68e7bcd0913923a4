import Foundation

/// The ledger as the office's commands use it: marking tasks done, reopening them, and reading
/// what was done and what was last sent. SQLite in production, memory in tests.
public protocol OfficeLedger: Ledger {
    /// Records a completion (of one department, or of the whole task) as it is; false when one was recorded already.
    @discardableResult
    func markDone(_ completion: Completion) throws -> Bool
    /// Records a report of completion by `CompletionReport`'s rule, in one transaction: a new completion, new
    /// information on an existing one, or nothing for a plain repeat.
    func recordCompletion(_ report: CompletionReport) throws -> CompletionChange
    /// Removes the completion of one department, or every completion of the task; false when there was none.
    @discardableResult
    func reopen(_ task: TaskKey, department: String?) throws -> Bool
    /// Every completion, by task, oldest first.
    func completions() throws -> [TaskKey: [Completion]]
    /// The latest reminder sent for each task.
    func lastSent() throws -> [TaskKey: SentReminder]
    /// The copy with this id, as `beginDelivery` or `beginDigest` registered it.
    func sentCopy(id: Int64) throws -> SentCopy?
    /// The copy whose message had this `Message-ID`.
    func sentCopy(mailID: String) throws -> SentCopy?
    /// Every task and department a department's own copy was ever sent for: the reply addresses handed out.
    func copyTargets() throws -> Set<DepartmentTask>
    /// The marks of undeliverable addresses that still hold at `now` (see `AddressFailure.isCleared`).
    func addressFailures(now: Date) throws -> [AddressFailure]
    /// Whether the admins may be told today of the failure at `address`: true once per address and day.
    func claimFailureNotice(address: String, day: LocalDate) throws -> Bool
    /// Counts a forward to `address` against `limit`: true (and recorded as forwarded) while the limit allows it,
    /// false (and recorded as held) once it is reached. Safe when several `inbound` run at once.
    func reserveForward(to address: String, limit: ForwardLimit, now: Date) throws -> Bool
    /// How many forwards went out and were held back since an instant.
    func forwardSummary(since: Date) throws -> ForwardSummary
}

/// One department's part of one task.
public struct DepartmentTask: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// The department.
    public var department: String

    /// Creates a pair.
    public init(task: TaskKey, department: String) {
        self.task = task
        self.department = department
    }
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

import Foundation

/// One send the scheduler hands out: a reminder of a task, or one week's digest of an address. Every kind goes
/// through the same pipeline (attempt row before sendmail, retry, catch-up limit, outcome recorded); adding a
/// kind adds a case, a stream source in `Scheduler` and a renderer, never a second scheduler.
public enum Send: Hashable, Sendable {
    /// A reminder of a task (advance, due, overdue or escalation).
    case reminder(ReminderInstance)
    /// One week's digest of one address.
    case digest(DigestInstance)

    /// The key that names the send for good in the ledger.
    public var key: String {
        switch self {
        case .reminder(let instance): return instance.key
        case .digest(let instance): return instance.key
        }
    }

    /// Its instant.
    public var at: Date {
        switch self {
        case .reminder(let instance): return instance.at
        case .digest(let instance): return instance.at
        }
    }

    /// Its local day.
    public var day: LocalDate {
        switch self {
        case .reminder(let instance): return instance.day
        case .digest(let instance): return instance.day
        }
    }

    /// The zone its day and instant are read in.
    public var zone: TimeZone? {
        if case .digest(let instance) = self { return instance.zone }
        return nil
    }

    /// The reminder, when it is one.
    public var reminder: ReminderInstance? {
        if case .reminder(let instance) = self { return instance }
        return nil
    }

    /// The digest, when it is one.
    public var digest: DigestInstance? {
        if case .digest(let instance) = self { return instance }
        return nil
    }

    /// The key the ledger files the send's rows under: its task, or for a digest an empty plan and its address.
    public var recordKey: TaskKey {
        switch self {
        case .reminder(let instance): return instance.taskKey
        case .digest(let instance): return TaskKey.digest(instance.address)
        }
    }

    /// The key of one department's copy of it (a digest has one copy, its own).
    public func copyKey(_ department: String?) -> String {
        switch self {
        case .reminder(let instance): return instance.copyKey(department)
        case .digest(let instance): return instance.key
        }
    }
}

extension TaskKey {
    /// Where the ledger files an address's digests: an empty plan id, which no plan has, and the address.
    public static func digest(_ address: String) -> TaskKey { TaskKey(planID: "", taskID: address) }
}

import Foundation
import NhacViecCore

/// A mail transport that keeps every message it is given, failing on demand.
public final class RecordingTransport: MailTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [OutgoingMail] = []
    private var scriptedOutcomes: [DeliveryOutcome] = []

    /// Creates a transport that accepts everything unless outcomes are scripted.
    public init() {}

    /// Outcomes to return for the next sends, in order; afterwards every send succeeds.
    public func script(_ outcomes: [DeliveryOutcome]) {
        lock.lock()
        scriptedOutcomes = outcomes
        lock.unlock()
    }

    /// The messages accepted so far.
    public var messages: [OutgoingMail] {
        lock.lock()
        defer { lock.unlock() }
        return sent
    }

    public func send(_ mail: OutgoingMail) -> DeliveryOutcome {
        lock.lock()
        defer { lock.unlock() }
        let outcome = scriptedOutcomes.isEmpty ? .sent : scriptedOutcomes.removeFirst()
        if outcome == .sent { sent.append(mail) }
        return outcome
    }
}

/// A ledger in memory, behind the same protocol as the SQLite one.
public final class InMemoryLedger: Ledger, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: LedgerEntry] = [:]
    private var done: Set<TaskKey> = []

    /// Creates an empty ledger.
    public init() {}

    /// Marks a task done or not, as `nhacviec done` would.
    public func setDone(_ task: TaskKey, _ isDone: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if isDone { done.insert(task) } else { done.remove(task) }
    }

    /// Every entry, by instance key.
    public var all: [String: LedgerEntry] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    public func records() throws -> [TaskKey: TaskRecord] {
        lock.lock()
        defer { lock.unlock() }
        var result: [TaskKey: TaskRecord] = [:]
        for entry in entries.values { result[entry.instance.taskKey, default: TaskRecord()].handledKeys.insert(entry.instance.key) }
        for task in done { result[task, default: TaskRecord()].isDone = true }
        return result
    }

    public func isDone(_ task: TaskKey) throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return done.contains(task)
    }

    public func record(_ entry: LedgerEntry) throws {
        lock.lock()
        defer { lock.unlock() }
        entries[entry.instance.key] = entry
    }
}

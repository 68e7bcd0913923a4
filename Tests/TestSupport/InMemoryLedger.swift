import Foundation
import NhacViecCore
import Synchronization

/// A ledger in memory, behind the same protocols as the SQLite one.
public final class InMemoryLedger: OfficeLedger {
    private struct State {
        var entries: [String: LedgerEntry] = [:]
        var completions: [TaskKey: Completion] = [:]
        var attempts: [String] = []
        var writesFail: String?
    }

    private let state = Mutex(State())

    /// Creates an empty ledger.
    public init() {}

    /// Marks a task done or not, as `nhacviec done` and `reopen` would.
    public func setDone(_ task: TaskKey, _ isDone: Bool) {
        if isDone {
            markDone(Completion(task: task, doneAt: Date(timeIntervalSince1970: 0), doneBy: nil, note: nil))
        } else {
            reopen(task)
        }
    }

    /// Every entry, by instance key.
    public var all: [String: LedgerEntry] { state.withLock { $0.entries } }

    public func records() throws -> [TaskKey: TaskRecord] {
        state.withLock { state in
            var result: [TaskKey: TaskRecord] = [:]
            for entry in state.entries.values { result[entry.instance.taskKey, default: TaskRecord()].handledKeys.insert(entry.instance.key) }
            for task in state.completions.keys { result[task, default: TaskRecord()].isDone = true }
            return result
        }
    }

    public func isDone(_ task: TaskKey) throws -> Bool { state.withLock { $0.completions[task] != nil } }

    /// While set, every write throws this message, as a full disk would.
    public func failWrites(_ message: String?) { state.withLock { $0.writesFail = message } }

    /// Attempts begun and not yet closed by an outcome.
    public var openAttempts: [String] { state.withLock { $0.attempts } }

    public func beginDelivery(_ instance: ReminderInstance, mailID: String?, at: Date) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            if !state.attempts.contains(instance.key) { state.attempts.append(instance.key) }
        }
    }

    public func record(_ entry: LedgerEntry) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            state.entries[entry.instance.key] = entry
            state.attempts.removeAll { $0 == entry.instance.key }
        }
    }

    public func takeInterruptedAttempts() throws -> [String] {
        state.withLock { state in
            defer { state.attempts = [] }
            return state.attempts
        }
    }

    @discardableResult
    public func markDone(_ completion: Completion) -> Bool {
        state.withLock { state in
            guard state.completions[completion.task] == nil else { return false }
            state.completions[completion.task] = completion
            return true
        }
    }

    @discardableResult
    public func reopen(_ task: TaskKey) -> Bool { state.withLock { $0.completions.removeValue(forKey: task) != nil } }

    public func completions() throws -> [TaskKey: Completion] { state.withLock { $0.completions } }

    public func lastSent() throws -> [TaskKey: SentReminder] {
        state.withLock { state in
            var result: [TaskKey: SentReminder] = [:]
            for entry in state.entries.values.sorted(by: { $0.recordedAt < $1.recordedAt }) where entry.outcome == .sent {
                result[entry.instance.taskKey] = SentReminder(kind: entry.instance.kind.rawValue, day: entry.instance.day.iso,
                                                              at: entry.recordedAt)
            }
            return result
        }
    }
}

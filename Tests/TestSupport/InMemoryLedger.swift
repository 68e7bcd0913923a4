import Foundation
import NhacViecCore
import Synchronization

/// A ledger in memory, behind the same protocols as the SQLite one.
public final class InMemoryLedger: OfficeLedger {
    private struct State {
        var entries: [String: LedgerEntry] = [:]
        var copies: [String: LedgerEntry] = [:]
        var digests: [String: DigestEntry] = [:]
        var completions: [TaskKey: [Completion]] = [:]
        var attempts: [String] = []
        var writesFail: String?
    }

    private let state = Mutex(State())

    /// Creates an empty ledger.
    public init() {}

    /// Marks a whole task done or not, as `nhacviec done` and `reopen` would.
    public func setDone(_ task: TaskKey, _ isDone: Bool) {
        if isDone {
            markDone(Completion(task: task, doneAt: Date(timeIntervalSince1970: 0), doneBy: nil, note: nil))
        } else {
            reopen(task, department: nil)
        }
    }

    /// Every entry of a whole instance, by instance key.
    public var all: [String: LedgerEntry] { state.withLock { $0.entries } }

    /// Every department's copy, by copy key.
    public var copies: [String: LedgerEntry] { state.withLock { $0.copies } }

    /// While set, every write throws this message, as a full disk would.
    public func failWrites(_ message: String?) { state.withLock { $0.writesFail = message } }

    /// Attempts begun and not yet closed by an outcome.
    public var openAttempts: [String] { state.withLock { $0.attempts } }

    public func records() throws -> [TaskKey: TaskRecord] {
        state.withLock { state in
            var result: [TaskKey: TaskRecord] = [:]
            for entry in state.entries.values { result[entry.instance.taskKey, default: TaskRecord()].handledKeys.insert(entry.instance.key) }
            for (task, list) in state.completions { result[task, default: TaskRecord()].done = list.doneOwners }
            return result
        }
    }

    public func doneOwners(_ task: TaskKey) throws -> DoneOwners { state.withLock { ($0.completions[task] ?? []).doneOwners } }

    public func acceptedCopies(_ instance: ReminderInstance) throws -> Set<String> {
        state.withLock { state in
            Set(state.copies.values.filter { $0.instance.key == instance.key && $0.outcome == .sent }.compactMap(\.department))
        }
    }

    public func beginDelivery(_ instance: ReminderInstance, department: String?, mailID: String?, at: Date) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let key = instance.copyKey(department)
            if !state.attempts.contains(key) { state.attempts.append(key) }
        }
    }

    public func record(_ entry: LedgerEntry) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let key = entry.instance.copyKey(entry.department)
            if entry.department == nil { state.entries[key] = entry } else { state.copies[key] = entry }
            state.attempts.removeAll { $0 == key }
        }
    }

    public func takeInterruptedAttempts() throws -> [String] {
        state.withLock { state in
            defer { state.attempts = [] }
            return state.attempts
        }
    }

    /// Every digest row, by key.
    public var digests: [String: DigestEntry] { state.withLock { $0.digests } }

    public func digestKeys() throws -> Set<String> { state.withLock { Set($0.digests.keys) } }

    public func beginDigest(_ instance: DigestInstance, mailID: String?, at: Date) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            if !state.attempts.contains(instance.key) { state.attempts.append(instance.key) }
        }
    }

    public func recordDigest(_ entry: DigestEntry) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            state.digests[entry.instance.key] = entry
            state.attempts.removeAll { $0 == entry.instance.key }
        }
    }

    @discardableResult
    public func markDone(_ completion: Completion) -> Bool {
        state.withLock { state in
            guard !(state.completions[completion.task] ?? []).contains(where: { $0.department == completion.department }) else { return false }
            state.completions[completion.task, default: []].append(completion)
            return true
        }
    }

    @discardableResult
    public func reopen(_ task: TaskKey, department: String?) -> Bool {
        state.withLock { state in
            let before = state.completions[task]?.count ?? 0
            state.completions[task]?.removeAll { department == nil || $0.department == department }
            return (state.completions[task]?.count ?? 0) < before
        }
    }

    public func completions() throws -> [TaskKey: [Completion]] { state.withLock { $0.completions } }

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

import Foundation
import NhacViecCore
import Synchronization

/// A ledger in memory, behind the same protocols as the SQLite one.
public final class InMemoryLedger: OfficeLedger {
    private struct State {
        var entries: [String: LedgerEntry] = [:]
        var copies: [String: LedgerEntry] = [:]
        var completions: [TaskKey: [Completion]] = [:]
        var attempts: [String] = []
        var writesFail: String?
        var failAfterAttempt: String?
        var envelopes: [SentCopy] = []
        var failures: [String: AddressFailure] = [:]
        var noticeDays: [String: LocalDate] = [:]
        var forwards: [(address: String, at: Date, held: Bool)] = []
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

    /// Every entry of a whole send, by its key.
    public var all: [String: LedgerEntry] { state.withLock { $0.entries } }

    /// Every department's copy, by copy key.
    public var copies: [String: LedgerEntry] { state.withLock { $0.copies } }

    /// While set, every write throws this message, as a full disk would.
    public func failWrites(_ message: String?) { state.withLock { $0.writesFail = message } }

    /// Lets the next attempt row be written, then fails every write with `message`: a disk that fills up while a
    /// mail is on its way.
    public func failWritesAfterNextAttempt(_ message: String) { state.withLock { $0.failAfterAttempt = message } }

    /// Attempts begun and not yet closed by an outcome.
    public var openAttempts: [String] { state.withLock { $0.attempts } }

    public func records() throws -> [TaskKey: TaskRecord] {
        state.withLock { state in
            var result: [TaskKey: TaskRecord] = [:]
            for entry in state.entries.values { result[entry.send.recordKey, default: TaskRecord()].handledKeys.insert(entry.send.key) }
            for (task, list) in state.completions { result[task, default: TaskRecord()].done = list.doneOwners }
            return result
        }
    }

    public func doneOwners(_ task: TaskKey) throws -> DoneOwners { state.withLock { ($0.completions[task] ?? []).doneOwners } }

    public func acceptedCopies(_ send: Send) throws -> Set<String> {
        state.withLock { state in
            Set(state.copies.values.filter { $0.send.key == send.key && $0.outcome == .sent }.compactMap(\.department))
        }
    }

    @discardableResult
    public func beginDelivery(_ send: Send, department: String?, recipients: [String], mailID: String?, at: Date) throws -> Int64 {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let key = send.copyKey(department)
            if !state.attempts.contains(key) { state.attempts.append(key) }
            if let message = state.failAfterAttempt {
                state.writesFail = message
                state.failAfterAttempt = nil
            }
            let plan = send.reminder?.planID ?? "", task = send.reminder?.taskID ?? send.digest?.address ?? ""
            return Self.register(&state, SentCopy(id: 0, key: key, plan: plan, task: task, department: department,
                                                  recipients: recipients, mailID: mailID, at: at))
        }
    }

    @discardableResult
    public func beginGroupDelivery(_ items: [(send: Send, number: Int)], department: String?, recipients: [String],
                                   mailID: String?, at: Date) throws -> Int64 {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            for item in items where !state.attempts.contains(item.send.copyKey(department)) {
                state.attempts.append(item.send.copyKey(department))
            }
            let key = "group/\(department ?? "")/" + items.map(\.send.key).sorted().joined(separator: "|")
            var copy = SentCopy(id: 0, key: key, plan: items.first?.send.reminder?.planID ?? "", task: "", department: department,
                                recipients: recipients, mailID: mailID, at: at)
            copy.items = items.compactMap { item in
                item.send.reminder.map { CopyItem(key: item.send.key, task: $0.taskKey, number: item.number) }
            }.sorted { $0.number < $1.number }
            return Self.register(&state, copy)
        }
    }

    private static func register(_ state: inout State, _ copy: SentCopy) -> Int64 {
        var copy = copy
        copy.recipients = Array(Set(copy.recipients.map { $0.lowercased() })).sorted()
        if let index = state.envelopes.firstIndex(where: { $0.key == copy.key }) {
            copy.id = state.envelopes[index].id
            copy.recipients = Array(Set(copy.recipients + state.envelopes[index].recipients)).sorted()
            state.envelopes[index] = copy
        } else {
            copy.id = Int64(state.envelopes.count + 1)
            state.envelopes.append(copy)
        }
        return copy.id
    }

    /// Every copy registered, by id order.
    public var envelopes: [SentCopy] { state.withLock { $0.envelopes } }

    public func record(_ entry: LedgerEntry) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let key = entry.send.copyKey(entry.department)
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

    /// Every digest's entry, by key.
    public var digests: [String: LedgerEntry] { state.withLock { $0.entries.filter { $0.value.send.digest != nil } } }

    public func markUndeliverable(_ failure: AddressFailure) throws {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            if let old = state.failures[failure.address], !old.isReplaced(by: failure) { return }
            state.failures[failure.address] = failure
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

    public func recordCompletion(_ report: CompletionReport) throws -> CompletionChange {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let list = state.completions[report.task] ?? []
            let existing = list.first { $0.department == report.department } ?? list.first { $0.department == nil }
            let change = report.merged(into: existing)
            switch change {
            case .unchanged: break
            case .recorded(let record): state.completions[report.task, default: []].append(record)
            case .updated(let record):
                let index = list.firstIndex { $0.department == record.department }!
                state.completions[report.task]![index] = record
            }
            return change
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
                guard let instance = entry.send.reminder else { continue }
                result[instance.taskKey] = SentReminder(kind: instance.kind.rawValue, day: instance.day.iso, at: entry.recordedAt)
            }
            return result
        }
    }

    public func sentCopy(id: Int64) throws -> SentCopy? { state.withLock { $0.envelopes.first { $0.id == id } } }

    public func sentCopy(mailID: String) throws -> SentCopy? {
        state.withLock { $0.envelopes.last { $0.mailID == mailID } }
    }

    public func copyTargets() throws -> Set<DepartmentTask> {
        state.withLock { state in
            Set(state.envelopes.flatMap { copy -> [DepartmentTask] in
                guard let department = copy.department else { return [] }
                if !copy.items.isEmpty { return copy.items.map { DepartmentTask(task: $0.task, department: department) } }
                return [DepartmentTask(task: TaskKey(planID: copy.plan, taskID: copy.task), department: department)]
            })
        }
    }

    public func addressFailures(now: Date) throws -> [AddressFailure] {
        state.withLock { state in
            state.failures.values.sorted { $0.address < $1.address }.filter { failure in
                let later = state.envelopes.filter { $0.recipients.contains(failure.address) && $0.at > failure.copyAt }
                    .map(\.at).min()
                return !failure.isCleared(laterSend: later, now: now)
            }
        }
    }

    public func claimFailureNotice(address: String, day: LocalDate) throws -> Bool {
        state.withLock { state in
            let address = address.lowercased()
            guard state.failures[address] != nil, state.noticeDays[address] != day else { return false }
            state.noticeDays[address] = day
            return true
        }
    }

    public func reserveForward(to address: String, limit: ForwardLimit, now: Date) throws -> Bool {
        try state.withLock { state in
            if let message = state.writesFail { throw InMemoryLedgerError(message: message) }
            let address = address.lowercased()
            let earlier = state.forwards.filter { $0.address == address && !$0.held }.map(\.at)
            let allowed = limit.allows(after: earlier, now: now)
            state.forwards.append((address, now, !allowed))
            return allowed
        }
    }

    public func forwardSummary(since: Date) throws -> ForwardSummary {
        state.withLock { state in
            let recent = state.forwards.filter { $0.at >= since }
            return ForwardSummary(forwarded: recent.filter { !$0.held }.count, held: recent.filter(\.held).count)
        }
    }
}

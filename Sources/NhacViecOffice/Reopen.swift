import Foundation
import Logging
import NhacViecCore

/// `nhacviec reopen`: undoes `done` for a task, or for some of its owner departments, so that their remaining
/// reminders go out again; writes the journal line and refreshes the calendar files.
public struct Reopen {
    let configuration: Configuration
    let ledger: any OfficeLedger
    let logger: Logger
    let now: Date

    /// Creates the use case over the ledger.
    public init(configuration: Configuration, ledger: any OfficeLedger, logger: Logger, now: Date) {
        self.configuration = configuration
        self.ledger = ledger
        self.logger = logger
        self.now = now
    }

    /// Reopens the departments named, or every owner when none is.
    public func run(_ task: ResolvedTask, departments: [String] = []) throws(OfficeError) -> ReopenOutcome {
        try task.refuseIfItFollowsAnEvent("reopen")
        let named = try task.owners(named: departments)
        var outcome = ReopenOutcome(task: task.key, title: task.task.title, departments: named)
        outcome.reopened = try OfficeError.ledger {
            guard let named else { return try ledger.reopen(task.key, department: nil) }
            let split = try splitWhole(task, keeping: named)
            return try named.reduce(split) { reopened, department in
                try ledger.reopen(task.key, department: department) || reopened
            }
        }
        guard outcome.reopened else { return outcome }
        logger.notice("task reopened for \(outcome.which): \(outcome.title)", metadata: [
            "plan": .string(task.plan.id), "task": .string(task.task.id),
            "message_id": .string(JournalMessageID.taskReopened),
            "department": .string(named?.joined(separator: " ") ?? ""),
        ])
        outcome.calendarWarning = CalendarFiles.refreshAfterChange(configuration: configuration, plan: task.plan,
                                                                   departments: named ?? task.task.owners,
                                                                   ledger: ledger, now: now)
        return outcome
    }

    /// A task marked done as a whole becomes one completion per owner not named, so that those stay done; true when
    /// there was such a completion.
    private func splitWhole(_ task: ResolvedTask, keeping named: [String]) throws -> Bool {
        let previous = try ledger.completions()[task.key] ?? []
        guard let whole = previous.last(where: { $0.department == nil }) else { return false }
        try ledger.reopen(task.key, department: nil)
        for owner in task.task.owners where !named.contains(owner) {
            var kept = whole
            kept.department = owner
            try ledger.markDone(kept)
        }
        for completion in previous where completion.department.map({ !named.contains($0) }) ?? false {
            try ledger.markDone(completion)
        }
        return true
    }
}

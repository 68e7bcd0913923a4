import Foundation
import Logging
import NhacViecCore

/// `nhacviec done`: records that a task, or some of its owner departments' parts, is finished, by
/// `CompletionReport`'s rule, writes the journal line and refreshes the calendar files.
public struct MarkDone {
    /// What an office member reports.
    public struct Request: Sendable {
        /// The task.
        public var task: ResolvedTask
        /// The departments whose part is done; none named means every owner.
        public var departments: [String]
        /// Who reports it.
        public var by: String?
        /// A short note.
        public var note: String?
        /// The number of the answering document.
        public var ref: String?
        /// The date of the written answer; today when not given, and never after today.
        public var answeredOn: LocalDate?

        /// Creates a request.
        public init(task: ResolvedTask, departments: [String] = [], by: String?, note: String? = nil,
                    ref: String? = nil, answeredOn: LocalDate? = nil) {
            self.task = task
            self.departments = departments
            self.by = by
            self.note = note
            self.ref = ref
            self.answeredOn = answeredOn
        }
    }

    let configuration: Configuration
    let ledger: any OfficeLedger
    let logger: Logger
    let now: Date

    /// Creates the use case over the ledger; `now` is the moment of the report.
    public init(configuration: Configuration, ledger: any OfficeLedger, logger: Logger, now: Date) {
        self.configuration = configuration
        self.ledger = ledger
        self.logger = logger
        self.now = now
    }

    /// Records the request for each department; a plain repeat changes nothing and is "already done".
    public func run(_ request: Request) throws(OfficeError) -> MarkDoneOutcome {
        let (plan, task) = (request.task.plan, request.task.task)
        try request.task.refuseIfItFollowsAnEvent("done")
        let today = LocalInstant.day(of: now, zone: plan.timeZone)
        if let stated = request.answeredOn, stated > today {
            throw OfficeError(.invalidRequest, "--date \(stated.iso) is after today (\(today.iso))")
        }
        let departments = try request.task.owners(named: request.departments) ?? task.owners
        var outcome = try record(request, departments: departments, today: today)
        guard !outcome.changed.isEmpty else { return outcome }
        log(outcome, request, answeredOn: request.answeredOn ?? today)
        outcome.pending = try OfficeError.ledger { try ledger.doneOwners(outcome.task).pending(of: task.owners) }
        outcome.calendarWarning = CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan,
                                                                   departments: outcome.changed, ledger: ledger,
                                                                   now: now)
        return outcome
    }

    /// Records each department's report by `CompletionReport`'s rule, in one transaction each.
    private func record(_ request: Request, departments: [String],
                        today: LocalDate) throws(OfficeError) -> MarkDoneOutcome {
        var outcome = MarkDoneOutcome(task: request.task.key, title: request.task.task.title)
        for department in departments {
            let report = CompletionReport(task: outcome.task, department: department, at: now, by: request.by,
                                          note: request.note, ref: request.ref, answeredOn: request.answeredOn,
                                          today: today)
            switch try OfficeError.ledger({ try ledger.recordCompletion(report) }) {
            case .recorded: outcome.recorded.append(department)
            case .updated: outcome.updated.append(department)
            case .unchanged: break
            }
        }
        return outcome
    }

    private func log(_ outcome: MarkDoneOutcome, _ request: Request, answeredOn: LocalDate) {
        var metadata: Logger.Metadata = [
            "plan": .string(outcome.task.planID), "task": .string(outcome.task.taskID),
            "message_id": .string(JournalMessageID.taskDone),
            "department": .string(outcome.changed.joined(separator: " ")),
        ]
        if let ref = request.ref { metadata["ref"] = .string(ref) }
        metadata["answered_on"] = .string(answeredOn.iso)
        logger.notice("task marked by \(request.by ?? "unknown"): \(outcome.changes): \(outcome.title)",
                      metadata: metadata)
    }
}

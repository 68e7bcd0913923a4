import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOutput
import NhacViecStore

/// `nhacviec status`: where each task stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each task's due day, state (pending, overdue, done, waiting), last reminder sent and next one.",
        discussion: """
            JSON: one object per line with plan, task, due, state, last_sent, next_at, next_kind, done_by, done_note, \
            and owners: a list of {department, state, done_at, done_by, note, ref, answered_on, undeliverable}, one per owner \
            department, where undeliverable lists the department's addresses that mail did not reach ({address, status, \
            permanent, since}). A task is done when every owner is; the table lists the owners still to report.

            Below the table: the department addresses that delivery reports (or sendmail) said mail does not reach, \
            with the status code and when it was reported (a mark clears when the plan changes the address, or when \
            reminders sent to it later bring no report for 7 days), and the forwards of received mail to people in \
            the last 24 hours, with those held back by the rate limit (10 an hour per address).
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: ArgumentHelp("Only this plan.", valueName: "ID"))
    var plan: String?
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let configuration = try options.load(scheduleWarnings: false)
        let ledger: SQLiteLedger
        do { ledger = SQLiteLedger(database: try AppDatabase.openForClient(path: configuration.settings.statePath)) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        let now = Date()
        let report = TaskStatusReport(configuration: configuration, ledger: ledger, now: now)
        let rows = try report.rows(plan: plan)
        if let plan, rows.isEmpty { throw ValidationError("no plan '\(plan)'") }
        guard format == .table else { return Output.print(rows.map(\.json).joined()) }
        let undeliverable = try report.undeliverable(plan: plan)
        let forwards = try ledger.forwardSummary(since: now.addingTimeInterval(-86_400))
        Output.print(TaskStatusReport.table(rows) + TaskStatusReport.summary(undeliverable, forwards: forwards, plans: configuration))
    }
}

/// Formats the core's task statuses as the `status` table and JSON lines.
struct TaskStatusReport {
    struct Row {
        var plan, task, due, state, lastSent, nextAt, nextKind, doneBy, doneNote: String
        var owners: [TaskStatus.Owner]
        var zone: TimeZone
        var undeliverable: [String: [AddressFailure]] = [:]

        var json: String {
            "{\"plan\":\(JSONText.quote(plan)),\"task\":\(JSONText.quote(task)),\"due\":\(JSONText.quote(due)),"
                + "\"state\":\"\(state)\",\"last_sent\":\(JSONText.quote(lastSent)),\"next_at\":\(JSONText.quote(nextAt)),"
                + "\"next_kind\":\(JSONText.quote(nextKind)),\"done_by\":\(JSONText.quote(doneBy)),"
                + "\"done_note\":\(JSONText.quote(doneNote)),\"owners\":[\(owners.map(ownerJSON).joined(separator: ","))]}\n"
        }

        private func ownerJSON(_ owner: TaskStatus.Owner) -> String {
            let done = owner.state == .done ? owner.completion : nil
            return "{\"department\":\(JSONText.quote(owner.department)),\"state\":\"\(owner.state.reported.rawValue)\","
                + "\"done_at\":\(done.map { JSONText.quote(ISOTimestamp.string($0.doneAt, zone: zone)) } ?? "null"),"
                + "\"done_by\":\(optional(done?.doneBy)),\"note\":\(optional(done?.note)),\"ref\":\(optional(done?.ref)),"
                + "\"answered_on\":\(optional(done?.answeredOn?.iso)),"
                + "\"undeliverable\":[\((undeliverable[owner.department] ?? []).map(failureJSON).joined(separator: ","))]}"
        }

        private func failureJSON(_ failure: AddressFailure) -> String {
            "{\"address\":\(JSONText.quote(failure.address)),\"status\":\(JSONText.quote(failure.status)),"
                + "\"permanent\":\(failure.permanent),\"since\":\(JSONText.quote(ISOTimestamp.string(failure.reportedAt, zone: zone)))}"
        }

        private func optional(_ text: String?) -> String { text.map(JSONText.quote) ?? "null" }
    }

    let configuration: Configuration
    let ledger: any OfficeLedger
    let now: Date

    /// The department addresses of the plans (all, or the one named) that mail does not reach.
    func undeliverable(plan filter: String?) throws -> [UndeliverableAddress] {
        let plans = configuration.plans.map(\.plan).filter { filter == nil || $0.id == filter }
        return UndeliverableAddress.list(plans: plans, failures: try ledger.addressFailures(now: now))
    }

    func rows(plan filter: String?) throws -> [Row] {
        let marks = Dictionary(grouping: try undeliverable(plan: filter)) { "\($0.plan)/\($0.department)" }
        let plans = configuration.plans.map(\.plan).filter { filter == nil || $0.id == filter }
        let zones = Dictionary(plans.map { ($0.id, $0.timeZone) }, uniquingKeysWith: { first, _ in first })
        let statuses = TaskStatus.all(plans: plans, calendar: configuration.calendar, records: try ledger.records(),
                                      completions: try ledger.completions(), lastSent: try ledger.lastSent(), now: now)
        return statuses.map { status in
            let zone = zones[status.task.planID] ?? .vietnam
            let due: String
            switch status.timing {
            case .waiting(let event): due = "(\(event) tbd)"
            case .due(let day): due = day.iso
            }
            return Row(plan: status.task.planID, task: status.task.taskID, due: due, state: status.state.reported.rawValue,
                       lastSent: status.lastSent.map { "\($0.day) \($0.kind)" } ?? "",
                       nextAt: status.next.map { ISOTimestamp.string($0.at, zone: zone) } ?? "",
                       nextKind: status.next?.kind.rawValue ?? "",
                       doneBy: status.completion?.doneBy ?? "", doneNote: status.completion?.note ?? "",
                       owners: status.owners, zone: zone,
                       undeliverable: Dictionary(uniqueKeysWithValues: status.owners.map { owner in
                           (owner.department, (marks["\(status.task.planID)/\(owner.department)"] ?? []).map(\.failure))
                       }))
        }
    }

    /// The lines below the table: undeliverable addresses by department, and the forwards of the last day.
    static func summary(_ undeliverable: [UndeliverableAddress], forwards: ForwardSummary, plans configuration: Configuration) -> String {
        var text = ""
        if !undeliverable.isEmpty {
            text += "\nUndeliverable department addresses (from delivery reports):\n"
            text += TextTable.render([["PLAN", "DEPARTMENT", "ADDRESS", "STATUS", "SINCE"]] + undeliverable.map { row in
                let plan = configuration.plans.first { $0.plan.id == row.plan }?.plan
                let name = plan?.department(row.department)?.name ?? row.department
                let zone = plan?.timeZone ?? .vietnam
                let kind = row.failure.permanent ? "" : " (delayed)"
                return [row.plan, "\(row.department) (\(name))", row.failure.address, row.failure.status + kind,
                        ISOTimestamp.string(row.failure.reportedAt, zone: zone)]
            })
        }
        if forwards.forwarded + forwards.held > 0 {
            text += "\nReceived mail forwarded to people in the last 24 hours: \(forwards.forwarded)"
            if forwards.held > 0 { text += "; held back by the rate limit (10 an hour per address): \(forwards.held)" }
            text += "\n"
        }
        return text
    }

    static func table(_ rows: [Row]) -> String {
        TextTable.render([["PLAN", "TASK", "DUE", "STATE", "LAST SENT", "NEXT"]] + rows.map {
            let next = $0.nextAt.isEmpty ? "" : "\($0.nextAt) \($0.nextKind)"
            let done = $0.state == "done" ? [$0.doneBy, $0.doneNote].filter { !$0.isEmpty }.joined(separator: ": ") : ""
            let reported = $0.owners.filter { $0.state == .done }.count
            let state = $0.state != "done" && reported > 0 ? "\($0.state) (\(reported)/\($0.owners.count) done)" : $0.state
            return [$0.plan, $0.task, $0.due, state, $0.lastSent, done.isEmpty ? next : "(\(done))"]
        })
    }
}

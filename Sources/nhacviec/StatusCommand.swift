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
            and owners: a list of {department, state, done_at, done_by, note, ref, answered_on}, one per owner department. A task \
            is done when every owner is; the table lists the owners still to report.
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
        let rows = try TaskStatusReport(configuration: configuration, ledger: ledger, now: Date()).rows(plan: plan)
        if let plan, rows.isEmpty { throw ValidationError("no plan '\(plan)'") }
        Output.print(format == .json ? rows.map(\.json).joined() : TaskStatusReport.table(rows))
    }
}

/// Formats the core's task statuses as the `status` table and JSON lines.
struct TaskStatusReport {
    struct Row {
        var plan, task, due, state, lastSent, nextAt, nextKind, doneBy, doneNote: String
        var owners: [TaskStatus.Owner]
        var zone: TimeZone

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
                + "\"answered_on\":\(optional(done?.answeredOn?.iso))}"
        }

        private func optional(_ text: String?) -> String { text.map(JSONText.quote) ?? "null" }
    }

    let configuration: Configuration
    let ledger: any OfficeLedger
    let now: Date

    func rows(plan filter: String?) throws -> [Row] {
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
                       owners: status.owners, zone: zone)
        }
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

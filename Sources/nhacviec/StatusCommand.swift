import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecStore

/// `nhacviec status`: where each task stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each task's due day, state (pending, overdue, done, waiting), last reminder sent and next one.",
        discussion: "JSON: one object per line with plan, task, due, state, last_sent, next_at, next_kind, done_by, done_note."
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

/// Builds the status rows from the plans, the calendar and the ledger.
struct TaskStatusReport {
    struct Row {
        var plan, task, due, state, lastSent, nextAt, nextKind, doneBy, doneNote: String

        var json: String {
            "{\"plan\":\(JSONText.quote(plan)),\"task\":\(JSONText.quote(task)),\"due\":\(JSONText.quote(due)),"
                + "\"state\":\"\(state)\",\"last_sent\":\(JSONText.quote(lastSent)),\"next_at\":\(JSONText.quote(nextAt)),"
                + "\"next_kind\":\(JSONText.quote(nextKind)),\"done_by\":\(JSONText.quote(doneBy)),"
                + "\"done_note\":\(JSONText.quote(doneNote))}\n"
        }
    }

    let configuration: Configuration
    let ledger: SQLiteLedger
    let now: Date

    func rows(plan filter: String?) throws -> [Row] {
        let planner = ReminderPlanner(calendar: configuration.calendar)
        let records = try ledger.records(), completions = try ledger.completions(), lastSent = try ledger.lastSent()
        var rows: [Row] = []
        for loaded in configuration.plans where filter == nil || loaded.plan.id == filter {
            let plan = loaded.plan
            let zone = TimeZone(identifier: plan.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!
            let today = LocalInstant.day(of: now, zone: zone)
            for task in plan.tasks {
                let key = TaskKey(planID: plan.id, taskID: task.id)
                let handled = records[key]?.handledKeys ?? []
                let next = planner.instances(of: task, in: plan, zone: zone).first { !handled.contains($0.key) && $0.at > now }
                let last = lastSent[key].map { "\($0.day) \($0.kind)" } ?? ""
                var row = Row(plan: plan.id, task: task.id, due: "", state: "pending", lastSent: last,
                              nextAt: next.map { ISOTimestamp.string($0.at, zone: zone) } ?? "", nextKind: next?.kind.rawValue ?? "",
                              doneBy: completions[key]?.doneBy ?? "", doneNote: completions[key]?.note ?? "")
                switch planner.timing(of: task, in: plan) {
                case .waiting(let event): row.state = "waiting"; row.due = "(\(event) tbd)"
                case .due(let day): row.due = day.iso; if day < today { row.state = "overdue" }
                }
                if completions[key] != nil { row.state = "done"; row.nextAt = ""; row.nextKind = "" }
                rows.append(row)
            }
        }
        return rows
    }

    static func table(_ rows: [Row]) -> String {
        TextTable.render([["PLAN", "TASK", "DUE", "STATE", "LAST SENT", "NEXT"]] + rows.map {
            let next = $0.nextAt.isEmpty ? "" : "\($0.nextAt) \($0.nextKind)"
            let done = $0.state == "done" ? [$0.doneBy, $0.doneNote].filter { !$0.isEmpty }.joined(separator: ": ") : ""
            return [$0.plan, $0.task, $0.due, $0.state, $0.lastSent, done.isEmpty ? next : "(\(done))"]
        })
    }
}

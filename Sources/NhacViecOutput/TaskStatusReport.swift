import Foundation
import NhacViecCore

/// The `status` command's text: one row per task as a table or JSON lines, and below the table the department
/// addresses that mail does not reach and the forwards of the last day.
public struct TaskStatusReport: Sendable {
    /// The rows, in plan and task order.
    public let rows: [Row]
    let plans: [Plan]
    let undeliverable: [UndeliverableAddress]

    /// Formats `statuses` of tasks of `plans`, each owner with the marks on its addresses among `undeliverable`.
    public init(statuses: [TaskStatus], plans: [Plan], undeliverable: [UndeliverableAddress]) {
        let marks = Dictionary(grouping: undeliverable) { "\($0.plan)/\($0.department)" }
        let zones = Dictionary(plans.map { ($0.id, $0.timeZone) }, uniquingKeysWith: { first, _ in first })
        rows = statuses.map { status in
            Row(status, zone: zones[status.task.planID] ?? .vietnam, undeliverable: Dictionary(
                uniqueKeysWithValues: status.owners.map { owner in
                    (owner.department, (marks["\(status.task.planID)/\(owner.department)"] ?? []).map(\.failure))
                }))
        }
        self.plans = plans
        self.undeliverable = undeliverable
    }

    /// One JSON object per task, each on its own line.
    public var jsonLines: String { rows.map(\.json).joined() }

    /// The table: plan, task, due day, state (with how many owners reported), last reminder, next one or who did it.
    public var table: String {
        TextTable.render([["PLAN", "TASK", "DUE", "STATE", "LAST SENT", "NEXT"]] + rows.map {
            let next = $0.nextAt.isEmpty ? "" : "\($0.nextAt) \($0.nextKind)"
            let done = $0.state == "done" ? [$0.doneBy, $0.doneNote].filter { !$0.isEmpty }.joined(separator: ": ") : ""
            let reported = $0.owners.filter { $0.state == .done }.count
            let state = $0.state != "done" && reported > 0 ? "\($0.state) (\(reported)/\($0.owners.count) done)" : $0.state
            return [$0.plan, $0.task, $0.due, state, $0.lastSent, done.isEmpty ? next : "(\(done))"]
        })
    }

    /// The lines below the table: undeliverable addresses by department, and the forwards of the last day.
    public func summary(forwards: ForwardSummary) -> String {
        var text = ""
        if !undeliverable.isEmpty {
            text += "\nUndeliverable department addresses (from delivery reports):\n"
            text += TextTable.render([["PLAN", "DEPARTMENT", "ADDRESS", "STATUS", "SINCE"]] + undeliverable.map(line))
        }
        if forwards.forwarded + forwards.held > 0 {
            text += "\nReceived mail forwarded to people in the last 24 hours: \(forwards.forwarded)"
            if forwards.held > 0 { text += "; held back by the rate limit (10 an hour per address): \(forwards.held)" }
            text += "\n"
        }
        return text
    }

    private func line(_ row: UndeliverableAddress) -> [String] {
        let plan = plans.first { $0.id == row.plan }
        let name = plan?.department(row.department)?.name ?? row.department
        let kind = row.failure.permanent ? "" : " (delayed)"
        return [row.plan, "\(row.department) (\(name))", row.failure.address, row.failure.status + kind,
                ISOTimestamp.string(row.failure.reportedAt, zone: plan?.timeZone ?? .vietnam)]
    }
}

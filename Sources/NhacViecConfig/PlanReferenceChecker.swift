import NhacViecCore
import Yams

/// Checks what refers to what inside a plan: owners, events, escalation targets, duplicate task ids.
struct PlanReferenceChecker {
    let reader: NodeReader

    func check(_ plan: Plan, tasksNode: Node?, departmentsNode: Node?) {
        guard case .sequence(let items)? = tasksNode else { return }
        let departments = plan.departments.map(\.id)
        let events = Array(plan.events.keys).sorted()
        var firstLine: [String: Int] = [:]
        for item in items {
            guard case .mapping(let task) = item else { continue }
            if let idNode = task.value(forKey: "id"), let id = idNode.scalar?.string {
                if let line = firstLine[id] {
                    reader.error(idNode, "duplicate task id '\(id)' (first defined on line \(line))")
                } else {
                    firstLine[id] = idNode.mark?.line ?? 0
                }
            }
            for owner in nodes(task.value(forKey: "owner")) {
                checkDepartment(owner, known: departments, what: "owner")
            }
            if let dueNode = task.value(forKey: "due"), let text = dueNode.scalar?.string, case .success(let rule) = DueRuleParser.parse(text),
               let event = rule.event, plan.events[event] == nil {
                let known = events.isEmpty ? "no events are defined" : "known events: \(events.joined(separator: ", "))"
                reader.error(dueNode, "due refers to undefined event '\(event)'\(KeySuggestion.hint(for: event, among: events)) (\(known))")
            }
            if case .mapping(let escalate)? = task.value(forKey: "escalate") {
                for target in nodes(escalate.value(forKey: "to")) where !(target.scalar?.string.contains("@") ?? true) {
                    checkDepartment(target, known: departments, what: "escalation target")
                }
            }
        }
    }

    /// Escalation targets in `defaults` apply to every task, so a misspelt one must be caught there.
    func checkDefaults(_ plan: Plan, defaultsNode: Node?) {
        guard case .mapping(let defaults)? = defaultsNode, case .mapping(let escalate)? = defaults.value(forKey: "escalate") else { return }
        for target in nodes(escalate.value(forKey: "to")) where !(target.scalar?.string.contains("@") ?? true) {
            checkDepartment(target, known: plan.departments.map(\.id), what: "escalation target")
        }
    }

    private func nodes(_ node: Node?) -> [Node] {
        switch node {
        case .scalar?: return [node!]
        case .sequence(let sequence)?: return Array(sequence)
        default: return []
        }
    }

    private func checkDepartment(_ node: Node, known: [String], what: String) {
        guard let id = node.scalar?.string, !known.contains(id) else { return }
        reader.error(node, "\(what) '\(id)' is not a department of this plan\(KeySuggestion.hint(for: id, among: known))")
    }
}

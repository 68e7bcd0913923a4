import NhacViecCore

/// A task's reminder policy, from the plan's `defaults` or the task itself.
struct TaskPolicy {
    var remind: [Offset]
    var overdue: OverdueRule?
    var escalate: EscalationRule?
}

/// Reads one entry of `tasks`.
struct TaskReader {
    let reader: NodeReader
    let defaults: TaskPolicy
    let checker: PlanReferenceChecker
    /// Tasks of a plan mostly repeat the same owner and reminder lists: keep one copy of each.
    let shared = SharedLists()

    /// The task, with the nodes of its id and due value for later messages.
    func read(_ node: Node) -> (task: PlanTask, idNode: Node, dueNode: Node)? {
        let fields = reader.mapping(node, "a task", known: PlanFileReader.taskKeys)
        guard case .mapping = node else { return nil }
        for key in ["id", "title", "owner", "due"] where fields[key] == nil {
            reader.error(node, "task is missing '\(key)'")
        }
        let id = reader.identifier(fields["id"]?.value, "task id")
        let title = reader.name(fields["title"]?.value, "task title")
        let ownerItems = reader.list(fields["owner"]?.value, "owner")
        for item in ownerItems { checker.checkDepartment(item.node, item.text, what: "owner") }
        let owners = shared.owners(ownerItems.map(\.text))
        let due = fields["due"].flatMap { dueRule($0.value) }
        // By the form of `due`, so that a recurring rule with a mistake of its own does not make `skip` one too.
        var recurring = false
        if case .mapping? = fields["due"]?.value { recurring = true }
        var shift: Shift?
        if let node = fields["shift"]?.value {
            shift = reader.shift(node, recurring: recurring,
                                 whyNoSkip: "only a recurring due ({every: …}) has occurrences to drop")
        }
        var keepsTitleCase = false
        if let node = fields["title-case"]?.value, let text = reader.text(node, "title-case") {
            switch text {
            case "keep": keepsTitleCase = true
            case "auto": keepsTitleCase = false
            default: reader.error(node, "title-case must be 'keep' (the title starts with a proper noun) or 'auto', not '\(text)'")
            }
        }
        let recurringChecks = RecurringTaskChecks(reader: reader, isRecurring: recurring, recurrence: due?.recurrence)
        let produces = fields["produces"].flatMap { field -> String? in
            guard recurringChecks.allowsProduces(field.value) else { return nil }
            return producedEvent(field.value, due: due)
        }
        let policyReader = TaskPolicyReader(reader: reader, checker: checker)
        var policy = defaults
        if let node = fields["remind"]?.value { policy.remind = shared.remind(policyReader.remind(node)) }
        if let node = fields["overdue"]?.value { policy.overdue = policyReader.overdue(node) }
        if let node = fields["escalate"]?.value { policy.escalate = policyReader.escalate(node) }
        if let dueNode = fields["due"]?.value {
            recurringChecks.checkUntil(policy.overdue?.until, "overdue", own: fields["overdue"]?.value, due: dueNode)
            recurringChecks.checkUntil(policy.escalate?.until, "escalate", own: fields["escalate"]?.value, due: dueNode)
        }
        guard let id, let title, let due, !owners.isEmpty, let idNode = fields["id"]?.value,
              let dueNode = fields["due"]?.value else { return nil }
        let description = fields["description"].flatMap { reader.text($0.value, "description", controls: .tabsAndLineBreaks) }
        let task = PlanTask(id: id, title: title, description: description, owners: owners, due: due, shift: shift,
                            remind: policy.remind, overdue: policy.overdue, escalate: policy.escalate,
                            keepsTitleCase: keepsTitleCase, produces: produces)
        checker.checkDueDay(dueNode, task)
        recurringChecks.checkSpan(of: task, at: dueNode)
        return (task, idNode, dueNode)
    }

    /// A `produces` value: an event of the plan, and not the one the task's own due day counts from (its date would
    /// then close the task it also sets the deadline of).
    private func producedEvent(_ node: Node, due: DueRule?) -> String? {
        guard let event = reader.text(node, "produces") else { return nil }
        guard checker.checkEvent(node, event, what: "produces") else { return nil }
        if due?.event == event {
            reader.error(node, "a task cannot produce '\(event)' and be due from it too: its date would both set the deadline and close the task")
            return nil
        }
        return event
    }

    /// A `due` value (or a petition's `han`, named by `what`), checked against the plan's events; the mapping form, a
    /// recurring rule, only where `allowsRecurrence`.
    func dueRule(_ node: Node, what: String = "due", allowsRecurrence: Bool = true) -> DueRule? {
        if case .mapping = node {
            guard allowsRecurrence else {
                reader.error(node, "\(what) must be a date (2026-01-30) or an event plus or minus an offset "
                             + "(conclusion + 15wd), not a recurring rule: a petition is answered once")
                return nil
            }
            let calendar = PlanReferenceChecker.planner.calendar
            return RecurrenceReader(reader: reader, calendar: calendar).read(node).map(DueRule.recurring)
        }
        guard let text = reader.text(node, what) else { return nil }
        switch DueRuleParser.parse(text) {
        case .success(let rule):
            if case .absolute(let date) = rule, reader.checkedDate(date.iso, node, what) == nil { return nil }
            if let event = rule.event { checker.checkEvent(node, event, what: what) }
            return rule
        case .failure(.badOffset(let offset)):
            reader.error(node, "offset '\(offset)' in \(what) must be a number of days like '7d' or of working days like '15wd'")
        case .failure(.badDate):
            reader.error(node, "\(what) '\(text)' is not a valid date (write YYYY-MM-DD; event names start with a letter)")
        case .failure(.malformed):
            reader.error(node, "\(what) must be a date (2025-12-31), an event (conference), or an event plus or minus an offset (conference - 7d, conclusion + 15wd), not '\(text)'")
        }
        return nil
    }
}

/// Reads `remind`, `overdue` and `escalate` values, rejecting ones that make no sense.
struct TaskPolicyReader {
    let reader: NodeReader
    let checker: PlanReferenceChecker

    func remind(_ node: Node) -> [Offset] {
        if case .scalar(let scalar) = node, scalar.string == "none" { return [] }
        var offsets: [Offset] = []
        for item in reader.list(node, "remind") {
            guard let offset = reader.offset(item.node, "each remind offset") else { continue }
            if offsets.contains(offset) {
                reader.error(item.node, "remind lists '\(offset)' twice")
            } else if offset.amount > (offset.unit == .days ? 366 : 250) {
                reader.error(item.node, "remind offset '\(offset)' is more than a year before the due day")
            } else {
                offsets.append(offset)
            }
        }
        return offsets
    }

    func overdue(_ node: Node) -> OverdueRule? {
        if case .scalar(let scalar) = node, scalar.string == "none" { return nil }
        let fields = reader.mapping(node, "'overdue'", known: ["every", "times", "until"])
        guard case .mapping = node else { return nil }
        if fields["every"] == nil || fields["times"] == nil {
            reader.error(node, "overdue needs both 'every' (like 1wd) and 'times' (like 3)")
        }
        let every = reader.offset(fields["every"]?.value, "overdue every")
        if let every, every.amount == 0 {
            reader.error(fields["every"]?.value, "overdue every must be at least one day; 0 would send every reminder at once")
            return nil
        }
        let times = reader.integer(fields["times"]?.value, "overdue times", range: 1...100)
        let until = self.until(fields["until"]?.value, "overdue until")
        guard let every, let times else { return nil }
        return OverdueRule(every: every, times: times, until: until)
    }

    func escalate(_ node: Node) -> EscalationRule? {
        if case .scalar(let scalar) = node, scalar.string == "none" { return nil }
        let fields = reader.mapping(node, "'escalate'", known: ["after", "to", "until"])
        guard case .mapping = node else { return nil }
        if fields["after"] == nil || fields["to"] == nil {
            reader.error(node, "escalate needs both 'after' (like 2wd) and 'to' (department ids or addresses)")
        }
        let after = reader.offset(fields["after"]?.value, "escalate after")
        if let after, after.amount == 0 {
            reader.error(fields["after"]?.value, "escalate after must be at least one day after the due day")
            return nil
        }
        let to: [Recipient] = reader.list(fields["to"]?.value, "escalate to").compactMap { item in
            if item.text.contains("@") {
                return reader.address(item.node, item.text, "escalation address").map(Recipient.address)
            }
            checker.checkDepartment(item.node, item.text, what: "escalation target")
            return .department(item.text)
        }
        let until = self.until(fields["until"]?.value, "escalate until")
        guard let after, !to.isEmpty else { return nil }
        return EscalationRule(after: after, to: to, until: until)
    }

    /// The event after whose day nothing more is sent; it must be one of the plan's events.
    private func until(_ node: Node?, _ what: String) -> String? {
        guard let node, let event = reader.text(node, what) else { return nil }
        checker.checkEvent(node, event, what: what)
        return event
    }
}

/// One stored copy of each distinct owner list and reminder list of a plan.
final class SharedLists {
    private var ownerLists: [[String]: [String]] = [:]
    private var remindLists: [[Offset]: [Offset]] = [:]

    func owners(_ list: [String]) -> [String] {
        if let known = ownerLists[list] { return known }
        ownerLists[list] = list
        return list
    }

    func remind(_ list: [Offset]) -> [Offset] {
        if let known = remindLists[list] { return known }
        remindLists[list] = list
        return list
    }
}

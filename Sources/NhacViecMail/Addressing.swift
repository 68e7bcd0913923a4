import NhacViecCore

/// Who a reminder is addressed to in its headers, and by which names the body greets them.
struct Addressing {
    /// `To`: the owners (or, for an escalation, the escalation recipients), department names as display names.
    let to: [Mailbox]
    /// `Cc`: the copies those departments asked for.
    let cc: [Mailbox]
    /// The names for the greeting and the body.
    let people: TemplateVariables.People

    /// Works out the headers from the plan; any envelope recipient the plan does not explain is added to `To`
    /// as a bare address, so the headers never hide who received the message.
    init(plan: Plan, task: PlanTask, instance: ReminderInstance, copy: MailCopy) {
        // The owners this copy concerns: those still to report (for an escalation, the late ones it names).
        let owners = copy.departments.map { plan.department($0)?.name ?? $0 }
        let addressees: [Recipient]
        if instance.kind == .escalation {
            addressees = task.escalate?.to ?? instance.recipients.map(Recipient.address)
        } else {
            addressees = copy.departments.map(Recipient.department)
        }
        var to: [Mailbox] = [], cc: [Mailbox] = [], names: [String] = []
        for addressee in addressees {
            switch addressee {
            case .address(let address):
                to.append(Mailbox(name: nil, address: address))
                names.append(address)
            case .department(let id):
                guard let department = plan.department(id) else { continue }
                to += department.emails.map { Mailbox(name: department.name, address: $0) }
                cc += department.cc.map { Mailbox(name: nil, address: $0) }
                names.append(department.name)
            }
        }
        var seen = Set<String>()
        to = to.filter { seen.insert($0.address.lowercased()).inserted }
        cc = cc.filter { seen.insert($0.address.lowercased()).inserted }
        to += copy.recipients.filter { seen.insert($0.lowercased()).inserted }.map { Mailbox(name: nil, address: $0) }
        self.to = to
        self.cc = cc
        let external = copy.departments.filter { plan.department($0)?.isExternal == true }
        self.people = TemplateVariables.People(
            owners: owners, addressees: names.isEmpty ? owners : names,
            own: copy.departments.filter { !external.contains($0) }.map { plan.department($0)?.name ?? $0 },
            external: external.map { plan.department($0)?.name ?? $0 })
    }
}

/// One message of a reminder. Without reply-by-mail a reminder is one message to every owner still
/// to report; with it each such owner gets its own copy, whose reply address identifies it.
public struct MailCopy: Sendable, Hashable {
    /// The owner departments addressed; for an escalation, the late departments it names.
    public var departments: [String]
    /// Set when the copy is one department's own: its Message-ID and reply address carry it.
    public var department: String?
    /// The envelope recipients.
    public var recipients: [String]

    /// Creates a copy.
    public init(departments: [String], department: String?, recipients: [String]) {
        self.departments = departments
        self.department = department
        self.recipients = recipients
    }

    /// The copies of `instance` for the owners still to report, in task order: none when every owner
    /// has reported (an escalation then has nobody to name).
    public static func copies(of instance: ReminderInstance, in plan: Plan, done: DoneOwners, perDepartment: Bool) -> [MailCopy] {
        guard let task = plan.task(instance.taskID) else { return [] }
        var pending = done.pending(of: task.owners)
        if instance.kind == .advance {
            // Owners whose weekly digest drops advance reminders read the task there instead.
            let advanceOwners = ReminderPlanner.advanceOwners(of: task, in: plan)
            pending = pending.filter(advanceOwners.contains)
        }
        guard !pending.isEmpty else { return [] }
        if instance.kind == .escalation {
            return [MailCopy(departments: pending, department: nil, recipients: instance.recipients)]
        }
        if perDepartment {
            return pending.map { id in
                MailCopy(departments: [id], department: id, recipients: plan.addresses(of: [.department(id)]))
            }
        }
        return [MailCopy(departments: pending, department: nil,
                         recipients: plan.addresses(of: pending.map(Recipient.department)))]
    }
}

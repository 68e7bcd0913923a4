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

    /// Who a grouped mail of this copy is for, in its Message-ID and thread: the department of a department's own
    /// copy, or the owners joined by `+` (`vhxh+kinh-te`) for one mail to several.
    public var groupOwner: String { department ?? departments.joined(separator: "+") }

    /// The copies of `instance` for the owners still to report, in task order: none when every owner
    /// has reported (an escalation then has nobody to name).
    public static func copies(of instance: ReminderInstance, in plan: Plan, done: DoneOwners, perDepartment: Bool,
                              calendar: WorkingCalendar) -> [MailCopy] {
        guard let task = plan.task(instance.taskID, calendar: calendar) else { return [] }
        var pending = done.pending(of: task.owners)
        if instance.kind == .advance {
            // Owners whose weekly digest drops advance reminders read the task there instead; so do those whose
            // digest goes out this very day and lists it, whatever their digest's `advance`.
            let advanceOwners = ReminderPlanner.advanceOwners(of: task, in: plan)
            pending = pending.filter { advanceOwners.contains($0) && !isInDigest(instance, of: $0, in: plan, calendar: calendar) }
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

    /// Whether the department's weekly digest goes out on the advance reminder's day (its weekday, or the working day a
    /// day off moved it to) and lists the task, which it does for a task due within its seven days.
    public static func isInDigest(_ instance: ReminderInstance, of department: String, in plan: Plan, calendar: WorkingCalendar) -> Bool {
        guard let digest = plan.department(department)?.digest, instance.dueDay <= instance.day.adding(days: 6) else { return false }
        let slot = DigestSlot(weekday: digest.weekday, at: digest.at, zone: plan.timeZone)
        let monday = ISOWeek.monday(of: instance.day)
        return [monday, monday.adding(days: -7)].contains { slot.sendDay(inWeekOf: $0, calendar: calendar) == instance.day }
    }
}

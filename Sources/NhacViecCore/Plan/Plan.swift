import Foundation

/// One office plan: its events, departments and tasks, as read from one plan file.
public struct Plan: Sendable, Hashable {
    /// The plan's identifier, unique across all plan files.
    public var id: String
    /// The plan's title, as the office writes it; mail cites the plan by `citation`.
    public var title: String
    /// Whether the title keeps its first letter as written inside a sentence (`title-case: keep`), for a title
    /// that starts with a proper noun; otherwise a capitalised ordinary first word is lowercased there.
    public var keepsTitleCase: Bool
    /// The authority that issued the plan.
    public var authority: String
    /// Its number and symbol (số, ký hiệu), e.g. `123/KH-UBND`, if the plan file gives it.
    public var number: String?
    /// The day it was issued (ngày ban hành), if the plan file gives it.
    public var issued: LocalDate?
    /// Who signed it, e.g. `TM. UBND phường, Chủ tịch Nguyễn Văn A`, if the plan file gives it.
    public var signer: String?
    /// The zone in which its days and `send-at` are reckoned, resolved from its IANA name when read.
    public var timeZone: TimeZone
    /// The local time of day at which reminders go out.
    public var sendAt: TimeOfDay
    /// Who gets failure reports and replies.
    public var admins: [String]
    /// Named events by name; an event whose `date` is nil is still to be announced (`tbd`).
    public var events: [String: PlanEvent]
    /// Departments in file order.
    public var departments: [Department]
    /// Tasks in file order.
    public var tasks: [PlanTask]
    /// Per-plan Mustache templates replacing the defaults.
    public var templates: MailTemplates
    /// The weekly digest set in the plan's `plan:` section, for every department without its own; nil when off.
    /// Each department's `digest` already holds the one in force for it.
    public var digest: DigestSettings?

    /// Creates a plan.
    public init(id: String, title: String, authority: String = "", number: String? = nil, issued: LocalDate? = nil,
                signer: String? = nil, timeZone: TimeZone = .vietnam,
                sendAt: TimeOfDay = TimeOfDay(hour: 7, minute: 30)!, admins: [String] = [],
                events: [String: PlanEvent] = [:], departments: [Department] = [], tasks: [PlanTask] = [],
                templates: MailTemplates = MailTemplates(), digest: DigestSettings? = nil, keepsTitleCase: Bool = false) {
        self.id = id
        self.title = title
        self.keepsTitleCase = keepsTitleCase
        self.authority = authority
        self.number = number
        self.issued = issued
        self.signer = signer
        self.timeZone = timeZone
        self.sendAt = sendAt
        self.admins = admins
        self.events = events
        self.departments = departments
        self.tasks = tasks
        self.templates = templates
        self.digest = digest
    }

    /// The department with this id.
    public func department(_ id: String) -> Department? { departments.first { $0.id == id } }

    /// The task with this id.
    public func task(_ id: String) -> PlanTask? { tasks.first { $0.id == id } }

    /// Sorted, distinct addresses of departments (with their copies) and plain addresses.
    public func addresses(of list: [Recipient]) -> [String] {
        var addresses = Set<String>()
        for recipient in list {
            switch recipient {
            case .address(let address): addresses.insert(address)
            case .department(let id):
                guard let department = department(id) else { continue }
                addresses.formUnion(department.emails)
                addresses.formUnion(department.cc)
            }
        }
        return addresses.sorted()
    }
}

/// Optional template overrides for a plan's mail.
public struct MailTemplates: Sendable, Hashable {
    /// Mustache source of the subject line, or nil for the default.
    public var subject: String?
    /// Mustache source of the body, or nil for the default.
    public var body: String?

    /// Creates a set of overrides.
    public init(subject: String? = nil, body: String? = nil) {
        self.subject = subject
        self.body = body
    }
}

/// A department (phòng, ban, đơn vị) that owns tasks and receives their reminders.
public struct Department: Sendable, Hashable {
    /// Its id within the plan.
    public var id: String
    /// Its name in Vietnamese.
    public var name: String
    /// Where its reminders go.
    public var emails: [String]
    /// Who gets a copy.
    public var cc: [String]
    /// A body outside the committee's authority (HĐND, MTTQ, a Party cell, the residential groups): its
    /// mail asks for cooperation ("đề nghị phối hợp") rather than assigning a task.
    public var isExternal: Bool
    /// The weekly digest in force for it (its own, else the plan's), or nil when it gets none.
    public var digest: DigestSettings?

    /// Creates a department.
    public init(id: String, name: String, emails: [String], cc: [String] = [], isExternal: Bool = false, digest: DigestSettings? = nil) {
        self.id = id
        self.name = name
        self.emails = emails
        self.cc = cc
        self.isExternal = isExternal
        self.digest = digest
    }
}

/// A task (nhiệm vụ) with its deadline rule and reminder policy.
public struct PlanTask: Sendable, Hashable {
    /// Its id within the plan.
    public var id: String
    /// What is to be done, as a subject line would say it.
    public var title: String
    /// Longer text for the mail body.
    public var description: String?
    /// The departments responsible.
    public var owners: [String]
    /// When it is due.
    public var due: DueRule
    /// What happens to a due day that is not a working day; nil means the rule's default.
    public var shift: Shift?
    /// Reminder offsets before the due day.
    public var remind: [Offset]
    /// Repeated reminders after the due day, if any.
    public var overdue: OverdueRule?
    /// A one-time escalation, if any.
    public var escalate: EscalationRule?
    /// Whether the title keeps its first letter as written after "V/v" (`title-case: keep`), for a title
    /// that starts with a proper noun; otherwise a capitalised ordinary first word is lowercased there.
    public var keepsTitleCase: Bool
    /// The event the task brings about (`produces: conclusion` for issuing the Conclusion Notice): the task is done
    /// while that event has a date that is not tentative, and open again when it has none.
    public var produces: String? {
        get { extras?.produces }
        set { extras = PlanTaskExtras.make(produces: newValue, petition: petition, occurrence: occurrence) }
    }
    /// The petition of the Conclusion Notice the task answers, when it comes from the plan's petitions file: its
    /// reminders cite the Notice rather than the plan, and show the petition's content and who raised it.
    public var petition: Petition? {
        get { extras?.petition }
        set { extras = PlanTaskExtras.make(produces: produces, petition: newValue, occurrence: occurrence) }
    }
    /// The recurring task and period it is one occurrence of, for a task made by `occurrenceTask(_:dueDay:)`; nil for
    /// a task as written in a plan.
    public var occurrence: TaskOccurrence? {
        get { extras?.occurrence }
        set { extras = PlanTaskExtras.make(produces: produces, petition: petition, occurrence: newValue) }
    }
    /// The fields few tasks have, in one box: a task without them costs a pointer, not 200 bytes, which at
    /// 2,000,000 tasks is 400 MB (docs/performance.md).
    private var extras: PlanTaskExtras?

    /// Creates a task.
    public init(id: String, title: String, description: String? = nil, owners: [String], due: DueRule,
                shift: Shift? = nil, remind: [Offset] = [], overdue: OverdueRule? = nil, escalate: EscalationRule? = nil,
                keepsTitleCase: Bool = false, produces: String? = nil, petition: Petition? = nil) {
        self.keepsTitleCase = keepsTitleCase
        self.extras = PlanTaskExtras.make(produces: produces, petition: petition, occurrence: nil)
        self.id = id
        self.title = title
        self.description = description
        self.owners = owners
        self.due = due
        self.shift = shift
        self.remind = remind
        self.overdue = overdue
        self.escalate = escalate
    }
}

/// Reminders repeated after the due day until the task is done.
public struct OverdueRule: Sendable, Hashable {
    /// The interval between overdue reminders.
    public var every: Offset
    /// The most overdue reminders sent.
    public var times: Int
    /// The event after whose day none is sent, if any.
    public var until: String?

    /// Creates an overdue rule.
    public init(every: Offset, times: Int, until: String? = nil) {
        self.every = every
        self.times = times
        self.until = until
    }
}

/// One reminder to someone above the owners once a task is late.
public struct EscalationRule: Sendable, Hashable {
    /// How long after the due day.
    public var after: Offset
    /// Department ids or plain addresses.
    public var to: [Recipient]
    /// The event after whose day it is no longer sent, if any.
    public var until: String?

    /// Creates an escalation rule.
    public init(after: Offset, to: [Recipient], until: String? = nil) {
        self.after = after
        self.to = to
        self.until = until
    }
}

/// A recipient named in a plan: a department or a plain address.
public enum Recipient: Sendable, Hashable {
    /// A department of the plan, by id.
    case department(String)
    /// A mail address.
    case address(String)
}

import Foundation
import NhacViecCore

/// What one send consists of at the moment it goes out, read from the plans and the done marks then: its copies
/// (one per department still to report, or one digest), and how to render each.
struct MailContent {
    enum Kind {
        case reminder(ReminderInstance, Plan)
        case digest(DigestContent)
    }

    let kind: Kind
    let copies: [MailCopy]
    /// The departments whose copy the transport already accepted on an earlier attempt.
    let accepted: Set<String>
    /// How many items the mail lists (a digest's tasks); nil for a reminder.
    let items: Int?

    /// The content of a send; nil when there is nothing to send (every owner reported, a digest with nothing to list).
    static func make(_ send: Send, loaded: Loaded, ledger: any Ledger) throws -> MailContent? {
        switch send {
        case .reminder(let instance):
            guard let plan = loaded.plansByID[instance.planID] else { return nil }
            let perDepartment = loaded.configuration.settings.replyTo != nil && instance.kind != .escalation
            let copies = MailCopy.copies(of: instance, in: plan, done: try ledger.doneOwners(instance.taskKey), perDepartment: perDepartment)
            guard !copies.isEmpty else { return nil }
            return MailContent(kind: .reminder(instance, plan), copies: copies,
                               accepted: perDepartment ? try ledger.acceptedCopies(send) : [], items: nil)
        case .digest(let instance):
            let plans = loaded.configuration.plans.map(\.plan)
            let content = try DigestContent.make(for: instance, plans: plans, planner: ReminderPlanner(calendar: loaded.configuration.calendar),
                                                 done: { try ledger.doneOwners($0) })
            guard content.taskCount > 0 else { return nil }
            return MailContent(kind: .digest(content), copies: [MailCopy(departments: [], department: nil, recipients: [instance.address])],
                               accepted: [], items: content.taskCount)
        }
    }

    /// The message of one copy.
    func render(_ copy: MailCopy, delivery: Delivery, loaded: Loaded, now: Date) throws -> OutgoingMail {
        let calendar = loaded.configuration.calendar
        switch kind {
        case .reminder(let instance, let plan):
            return try loaded.renderer.reminder(plan: plan, instance: instance, copy: copy, calendar: calendar, now: now, isLate: delivery.isLate)
        case .digest(let content):
            return try loaded.renderer.digest(content, calendar: calendar, now: now, isLate: delivery.isLate)
        }
    }
}

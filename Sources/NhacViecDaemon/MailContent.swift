import Foundation
import NhacViecCore

/// A send ready to go out, or what happened instead when nothing needs sending.
enum Prepared {
    case content(MailContent)
    case nothing(DeliveryOutcome)
}

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

    /// The content of a send, or the outcome when there is nothing to send: every owner reported (`taskDone`), the
    /// weekly digest carries the advance reminder, or a digest has nothing to list.
    static func make(_ send: Send, loaded: Loaded, ledger: any Ledger) throws -> Prepared {
        switch send {
        case .reminder(let instance):
            guard let plan = loaded.plansByID[instance.planID], let task = plan.task(instance.taskID, calendar: loaded.configuration.calendar) else {
                return .nothing(.taskDone)
            }
            let perDepartment = loaded.configuration.settings.replyTo != nil && instance.kind != .escalation
            let done = plan.doneOwners(of: task, recorded: try ledger.doneOwners(instance.taskKey))
            if done.isComplete(owners: task.owners) { return .nothing(.taskDone) }
            let copies = MailCopy.copies(of: instance, in: plan, done: done, perDepartment: perDepartment,
                                         calendar: loaded.configuration.calendar)
            guard !copies.isEmpty else { return .nothing(.notNeeded(.inDigest)) }
            return .content(MailContent(kind: .reminder(instance, plan), copies: copies,
                                        accepted: perDepartment ? try ledger.acceptedCopies(send) : [], items: nil))
        case .digest(let instance):
            let plans = loaded.configuration.plans.map(\.plan)
            let content = try DigestContent.make(for: instance, plans: plans, planner: ReminderPlanner(calendar: loaded.configuration.calendar),
                                                 done: { key in try done(key, loaded: loaded, ledger: ledger) })
            guard content.taskCount > 0 else { return .nothing(.notNeeded(.empty)) }
            return .content(MailContent(kind: .digest(content),
                                        copies: [MailCopy(departments: [], department: nil, recipients: [instance.address])],
                                        accepted: [], items: content.taskCount))
        }
    }

    /// A task's done owners as they stand now: the ledger's, or every owner once the event the task produces has a date.
    private static func done(_ key: TaskKey, loaded: Loaded, ledger: any Ledger) throws -> DoneOwners {
        let recorded = try ledger.doneOwners(key)
        guard let plan = loaded.plansByID[key.planID], let task = plan.task(key.taskID, calendar: loaded.configuration.calendar) else {
            return recorded
        }
        return plan.doneOwners(of: task, recorded: recorded)
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

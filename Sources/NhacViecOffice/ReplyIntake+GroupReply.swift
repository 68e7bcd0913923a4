import Foundation
import Logging
import NhacViecCore
import NhacViecInbound

extension ReplyIntake {
    /// A department's reply to a grouped mail: the items it names (or all of them, "tất cả") are recorded by
    /// `CompletionReport`'s rule and acknowledged in one mail; a reply that does not say which items is forwarded.
    func groupReply(copy id: Int64, by: String, body: String, _ received: Received) throws {
        guard let copy = try ledger.sentCopy(id: id), let department = copy.department, !copy.items.isEmpty,
              let plan = plan(copy.plan) else {
            try forward(received, to: postmaster, reason: "a reply to a grouped mail that nhacviec has no record of (copy \(id))",
                        plan: nil, withText: true, journal: JournalMessageID.inboundUnknown, target: nil)
            return
        }
        let target = ReplyTarget(plan: plan.id, task: copy.items[0].task.taskID, department: department)
        let forwardIt = { (reason: String) in
            try forward(received, to: admins(plan.id), reason: reason, plan: plan, withText: true,
                        journal: JournalMessageID.inboundForwarded, target: target)
        }
        switch GroupReplyReader.read(body, listed: copy.items.map(\.number)) {
        case .empty:
            try forwardIt("the reply has no text of its own")
        case .other(let line):
            try forwardIt("the reply is not a completion report: \"\(String(line.prefix(200)))\"")
        case .unclear(let line):
            try forwardIt("the reply reports work done but does not say which of the \(copy.items.count) items of the mail "
                          + "(\"\(String(line.prefix(200)))\"); record it with nhacviec done")
        case .completion(let numbers, let note, let ref, let date):
            let items = copy.items.filter { numbers.contains($0.number) }
            try completeItems(items, of: plan, department: department, by: by, note: note, ref: ref, answeredOn: date, received)
        }
    }

    private func completeItems(_ items: [CopyItem], of plan: Plan, department: String, by: String, note: String?, ref: String?,
                               answeredOn: LocalDate?, _ received: Received) throws {
        var changed: [(task: PlanTask, completion: Completion, updated: Bool)] = []
        for item in items {
            // A task that left the plan, or that follows its event, is the admins' to settle: it is named in the journal.
            guard let task = plan.task(item.task.taskID, calendar: configuration.calendar), task.produces == nil else {
                logger.notice("reply from \(by) names \(item.task), which is no longer an open task of the plan; not recorded",
                              metadata: ["plan": .string(plan.id), "department": .string(department)])
                continue
            }
            let report = CompletionReport(task: item.task, department: department, at: now, by: by, note: note, ref: ref,
                                          answeredOn: answeredOn, today: LocalInstant.day(of: now, zone: plan.timeZone))
            let change = try ledger.recordCompletion(report)
            guard change.changed else { continue }
            if case .updated = change { changed.append((task, change.completion, true)) } else { changed.append((task, change.completion, false)) }
            logger.notice("reply from \(by) recorded: \(department) reports \(task.id) done\(ref.map { " (văn bản số \($0))" } ?? "")",
                          metadata: ["plan": .string(plan.id), "task": .string(task.id), "department": .string(department),
                                     "message_id": .string(JournalMessageID.inboundCompletion),
                                     "mail_id": .string(received.message?.messageID ?? "")])
        }
        guard !changed.isEmpty else { return }
        _ = CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan, departments: [department], ledger: ledger,
                                             now: now)
        let ack = mailer.groupAcknowledgement(plan: plan, department: department, items: changed,
                                              inReplyTo: received.message?.messageID, now: now)
        let outcome = transport.send(ack)
        if outcome != .sent {
            logger.warning("the acknowledgement to \(department) could not be sent: \(outcome)",
                           metadata: ["plan": .string(plan.id), "department": .string(department)])
        }
    }
}

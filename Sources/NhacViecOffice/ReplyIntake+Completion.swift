import Foundation
import Logging
import NhacViecCore
import NhacViecInbound

extension ReplyIntake {
    /// Records a department's completion by `CompletionReport`'s rule and acknowledges it once; a plain repeat
    /// changes nothing and is not acknowledged again.
    func complete(_ target: ReplyTarget, by: String, note: String?, ref: String?, answeredOn: LocalDate?,
                  _ received: Received) throws {
        guard let plan = plan(target.plan), let task = plan.task(target.task, calendar: configuration.calendar) else {
            throw InboundFailure("plan \(target.plan) or its task \(target.task) vanished while the reply was read")
        }
        if let event = task.produces {
            // Its state follows the event; a reply cannot set a date the office has to announce.
            try forward(received, to: admins(plan.id), reason: """
                the reply reports task \(task.id) done, but that task follows the event '\(event)': set the event's date \
                (nhacviec event \(plan.id) \(event) YYYY-MM-DD) to record it
                """, plan: plan, withText: true, journal: JournalMessageID.inboundForwarded, target: target)
            return
        }
        let key = TaskKey(planID: plan.id, taskID: task.id)
        let report = CompletionReport(task: key, department: target.department, at: now, by: by, note: note, ref: ref,
                                      answeredOn: answeredOn, today: LocalInstant.day(of: now, zone: plan.timeZone))
        var metadata: Logger.Metadata = [
            "plan": .string(plan.id), "task": .string(task.id), "department": .string(target.department),
            "message_id": .string(JournalMessageID.inboundCompletion), "mail_id": .string(received.message?.messageID ?? ""),
        ]
        if let ref { metadata["ref"] = .string(ref) }
        let change = try ledger.recordCompletion(report)
        let document = ref.map { " (văn bản số \($0))" } ?? ""
        switch change {
        case .unchanged:
            logger.notice("reply from \(by): \(target.department) had already reported \(task.id) done; nothing changed",
                          metadata: metadata)
            return
        case .recorded:
            logger.notice("reply from \(by) recorded: \(target.department) reports \(task.id) done\(document)", metadata: metadata)
        case .updated:
            logger.notice("reply from \(by) updated \(target.department)'s completion of \(task.id)\(document)", metadata: metadata)
        }
        if let warning = CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan,
                                                          departments: [target.department], ledger: ledger, now: now) {
            logger.warning("\(warning)")
        }
        let remaining = try ledger.doneOwners(key).pending(of: task.owners)
        let ack = mailer.acknowledgement(plan: plan, task: task, department: target.department, completion: change.completion,
                                         remaining: remaining, inReplyTo: received.message?.messageID, now: now,
                                         updated: { if case .updated = change { return true } else { return false } }())
        let outcome = transport.send(ack)
        // The completion is recorded: a lost acknowledgement is worth a journal line, not a retry of the whole reply.
        if outcome != .sent {
            logger.warning("the acknowledgement to \(target.department) could not be sent: \(outcome)", metadata: metadata)
        }
    }
}

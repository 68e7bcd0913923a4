import Foundation
import Logging
import NhacViecCore
import NhacViecInbound

extension ReplyIntake {
    /// Marks the addresses a delivery report says our copy did not reach, and tells the plan's admins of a
    /// permanent failure at most once a day per address. A report is never forwarded as a person's reply.
    func deliveryReport(_ report: DeliveryReport, copy id: Int64?, _ received: Received) throws {
        let copy = try id.flatMap { try ledger.sentCopy(id: $0) } ?? report.originalMessageID.flatMap { try ledger.sentCopy(mailID: $0) }
        guard let copy else {
            try automatic(received, source: .none, reason: "a delivery report about a message nhacviec has no record of")
            return
        }
        if report.recipients.isEmpty {
            logger.info("delivery report about \(copy.key) names no failed or delayed recipient; nothing to record",
                        metadata: ["mail_id": .string(copy.mailID ?? "")])
            return
        }
        for recipient in report.recipients {
            try record(recipient, of: copy)
        }
    }

    private func record(_ recipient: DeliveryReport.Recipient, of copy: SentCopy) throws {
        // A department address that forwards elsewhere fails at the far address; the copy's own recipient is the one
        // the plan names, and the one to fix, when the copy had only one.
        let address = copy.recipients.contains(recipient.address) || copy.recipients.count != 1 ? recipient.address : copy.recipients[0]
        let failure = AddressFailure(address: address, permanent: recipient.isPermanent, status: recipient.status,
                                     diagnostic: recipient.diagnostic, plan: copy.plan, task: copy.task, department: copy.department,
                                     copyAt: copy.at, reportedAt: now)
        try ledger.markUndeliverable(failure)
        var metadata: Logger.Metadata = [
            "message_id": .string(recipient.isPermanent ? JournalMessageID.addressUndeliverable : JournalMessageID.addressDelayed),
            "recipients": .string(address), "plan": .string(copy.plan), "task": .string(copy.task),
            "department": .string(copy.department ?? ""), "mail_id": .string(copy.mailID ?? ""),
        ]
        metadata["status"] = .string(recipient.status)
        let what = copy.plan.isEmpty ? "the weekly digest" : "the reminder for \(copy.plan)/\(copy.task)"
        guard recipient.isPermanent else {
            logger.notice("\(what) to \(address) is delayed (\(recipient.status)); the mail system keeps trying",
                          metadata: metadata)
            return
        }
        logger.warning("\(what) was not delivered to \(address): \(recipient.status) \(recipient.diagnostic ?? "")",
                       metadata: metadata)
        guard let plan = plan(copy.plan), !plan.admins.isEmpty,
              try ledger.claimFailureNotice(address: address, day: LocalInstant.day(of: now, zone: plan.timeZone)),
              let notice = mailer.undeliverableNotice(plan: plan, failure: failure,
                                                         calendar: configuration.calendar, now: now) else { return }
        let outcome = transport.send(notice)
        if outcome != .sent {
            logger.warning("the notice to \(plan.admins.joined(separator: ", ")) about \(address) could not be sent: \(outcome)",
                           metadata: metadata)
        }
    }
}

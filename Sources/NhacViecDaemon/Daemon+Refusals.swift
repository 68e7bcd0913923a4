import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// Marks the addresses sendmail refused for good at once: no delivery report will come for them, so this
    /// is the only way `status` and the admins learn of a wrong department address. Runs on the delivery queue.
    func markRefused(_ recipients: [String], reason: String, plan: String, task: String, department: String?, mailID: String,
                     at: Date) {
        // msmtp names the refused address ("recipient address x@y not accepted by the server"); when the
        // command says nothing usable, every recipient of the copy is suspect.
        let lowered = reason.lowercased()
        let named = recipients.filter { lowered.contains($0.lowercased()) }
        for address in named.isEmpty ? recipients : named {
            let failure = AddressFailure(address: address, permanent: true, status: "5.0.0", diagnostic: String(reason.prefix(300)),
                                         plan: plan, task: task, department: department, copyAt: at, reportedAt: at)
            var metadata: Logger.Metadata = [
                "message_id": .string(JournalMessageID.addressUndeliverable), "recipients": .string(address),
                "plan": .string(plan), "task": .string(task), "department": .string(department ?? ""),
                "mail_id": .string(mailID),
            ]
            metadata["status"] = .string(failure.status)
            do {
                try environment.ledger.markUndeliverable(failure)
                logger.warning("\(address) is marked undeliverable: sendmail refused it: \(reason)", metadata: metadata)
            } catch {
                logger.error("cannot mark \(address) undeliverable: \(error)", metadata: metadata)
            }
        }
    }
}

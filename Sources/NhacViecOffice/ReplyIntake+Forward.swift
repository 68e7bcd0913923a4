import Foundation
import Logging
import NhacViecCore
import NhacViecInbound
import NhacViecMail

extension ReplyIntake {
    /// Forwards the message to people under the rate limit, with the null sender; `withText` quotes the text its
    /// sender wrote, which is read only for mail to a genuine address of ours.
    func forward(_ received: Received, to recipients: [String], reason: String, plan: Plan?, withText: Bool,
                 journal: String, target: ReplyTarget?) throws {
        guard !recipients.isEmpty else {
            throw InboundFailure("nobody to forward to (\(reason)); set mail.postmaster or the plan's admins")
        }
        var metadata: Logger.Metadata = ["message_id": .string(journal), "mail_id": .string(received.message?.messageID ?? "")]
        if let target {
            metadata["plan"] = .string(target.plan)
            metadata["task"] = .string(target.task)
            metadata["department"] = .string(target.department)
        }
        let allowed = try recipients.filter { try ledger.reserveForward(to: $0, limit: limit, now: now) }
        let held = recipients.filter { !allowed.contains($0) }
        if !held.isEmpty {
            var heldMetadata = metadata
            heldMetadata["message_id"] = .string(JournalMessageID.forwardHeld)
            heldMetadata["recipients"] = .string(held.joined(separator: " "))
            logger.warning("""
                forward to \(held.joined(separator: ", ")) held back: \(limit.perWindow) forwards within \
                \(Int(limit.window / 60)) minutes already (a mail loop or a flood?); the message was: \(reason)
                """, metadata: heldMetadata)
        }
        guard !allowed.isEmpty else { return }
        let mail = mailer.forward(forwarded(received, withText: withText), to: allowed, reason: reason, planTitle: plan?.title,
                                  now: now)
        metadata["recipients"] = .string(allowed.joined(separator: " "))
        switch transport.send(mail) {
        case .sent:
            logger.notice("message from \(received.message?.from ?? "unknown sender") forwarded to \(allowed.joined(separator: ", ")): \(reason)",
                          metadata: metadata)
        case .temporaryFailure(let why), .storeUnavailable(let why):
            throw InboundFailure("forwarding to \(allowed.joined(separator: ", ")) failed for now: \(why)")
        case .permanentFailure(let why), .refused(let why):
            // Retrying would fail the same way for five days; the journal keeps the message's trace.
            logger.error("the forward to \(allowed.joined(separator: ", ")) was refused for good, so the message is dropped: \(why); it was: \(reason)",
                         metadata: metadata)
        case .taskDone, .cancelled, .notNeeded:
            throw InboundFailure("forwarding to \(allowed.joined(separator: ", ")) did not happen")
        }
    }

    private func forwarded(_ received: Received, withText: Bool) -> Forwarded {
        let message = received.message
        let text = withText && !(message?.isOversized ?? true) ? message?.body : nil
        return Forwarded(data: received.data, subject: message?.subject, from: message?.from ?? message?.returnPath.map { $0.isEmpty ? "<>" : $0 },
                         to: message?.header("To"), date: message?.header("Date"), messageID: message?.messageID,
                         text: text.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Automatic mail goes to the admins of the plan its address names, else to the postmaster; never answered.
    func automatic(_ received: Received, source: AutomaticSource, reason: String) throws {
        switch source {
        case .target(let target):
            try forward(received, to: admins(target.plan), reason: reason, plan: plan(target.plan), withText: true,
                        journal: JournalMessageID.inboundAutomatic, target: target)
        case .copy(let id):
            let copy = try ledger.sentCopy(id: id)
            let owner = copy.flatMap { $0.plan.isEmpty ? nil : plan($0.plan) }
            try forward(received, to: owner.map { admins($0.id) } ?? postmaster, reason: reason, plan: owner, withText: true,
                        journal: JournalMessageID.inboundAutomatic, target: nil)
        case .none:
            try forward(received, to: postmaster, reason: reason, plan: nil, withText: false,
                        journal: JournalMessageID.inboundAutomatic, target: nil)
        }
    }

    /// A reply token no current target has: a department's part of a task that has since left its plan (the
    /// ledger remembers the copies sent), or a forgery.
    func unmatched(_ token: ReplyToken, _ received: Received) throws {
        guard let key else { return }
        let current = Set(currentTargets)
        let past = try ledger.copyTargets().map { ReplyTarget(plan: $0.task.planID, task: $0.task.taskID, department: $0.department) }
            .filter { !current.contains($0) }
        guard let target = ReplyTokenIndex(key: key, targets: past).target(for: token) else {
            try forward(received, to: postmaster, reason: "its reply address carries an unknown or forged token (\(token.text))",
                        plan: nil, withText: false, journal: JournalMessageID.inboundUnknown, target: nil)
            return
        }
        try forward(received, to: admins(target.plan), reason: """
            the reply is about task \(target.task) of \(target.department), which is no longer in the plan \
            (nhiệm vụ không còn trong kế hoạch)
            """, plan: plan(target.plan), withText: true, journal: JournalMessageID.inboundStale, target: target)
    }
}

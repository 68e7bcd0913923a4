import Foundation
import Logging
import NhacViecCore
import NhacViecDaemon
import NhacViecInbound
import NhacViecMail
import NhacViecStore

/// Carries out the triage's decision: the ledger, the acknowledgement or the forward, the journal.
struct InboundDelivery {
    let configuration: Configuration
    let logger: Logger

    /// Handles one message; throws when nothing was recorded and nothing forwarded, so the MTA retries.
    func handle(_ input: Data, recipient: String?) throws {
        let settings = configuration.settings
        let message = try? InboundMessage(data: input)
        let decision: InboundDecision
        if let replyTo = settings.replyTo {
            let key = try ReplyKey.load(from: Wiring.replyKeyPath(settings))
            let triage = InboundTriage(index: ReplyTokenIndex(key: key, targets: targets), address: try ReplyAddress(replyTo: replyTo),
                                       ownAddresses: [settings.envelopeSender])
            decision = triage.decide(message, recipient: recipient)
        } else {
            decision = .unknown(reason: "replies by mail are off (no mail.reply-to in the main file)")
        }
        let mailer = ReminderMailer(from: settings.from, envelopeSender: settings.envelopeSender)
        let transport = Wiring.transport(settings)
        switch decision {
        case .complete(let target, let by, let note, let ref, _):
            try complete(target, by: by, note: note, ref: ref, message: message, mailer: mailer, transport: transport)
        case .forward(let target, let reason), .automatic(.some(let target), let reason):
            let plan = plan(target.plan)
            try forward(input, message: message, to: plan?.admins ?? [], reason: reason, planTitle: plan?.title, mailer: mailer,
                        transport: transport, journal: decisionID(decision), target: target)
        case .automatic(nil, let reason), .unknown(let reason):
            try forward(input, message: message, to: postmaster, reason: reason, planTitle: nil, mailer: mailer,
                        transport: transport, journal: decisionID(decision), target: nil)
        }
    }

    private func complete(_ target: ReplyTarget, by: String, note: String?, ref: String?, message: InboundMessage?,
                          mailer: ReminderMailer, transport: any MailTransport) throws {
        guard let plan = plan(target.plan), let task = plan.task(target.task) else { throw InboundFailure("plan or task vanished") }
        let ledger = SQLiteLedger(database: try AppDatabase.openForClient(path: configuration.settings.statePath))
        let key = TaskKey(planID: plan.id, taskID: task.id)
        let completion = Completion(task: key, department: target.department, doneAt: Date(), doneBy: by, note: note, ref: ref,
                                    answeredOn: LocalInstant.day(of: Date(), zone: plan.timeZone))
        let metadata: Logger.Metadata = [
            "plan": .string(plan.id), "task": .string(task.id), "department": .string(target.department),
            "message_id": .string(JournalMessageID.inboundCompletion), "mail_id": .string(message?.messageID ?? ""),
        ]
        guard try ledger.markDone(completion) else {
            logger.notice("reply from \(by): \(target.department) had already reported \(task.id) done; nothing changed", metadata: metadata)
            return
        }
        logger.notice("reply from \(by) recorded: \(target.department) reports \(task.id) done\(ref.map { " (văn bản số \($0))" } ?? "")",
                      metadata: metadata)
        CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan, departments: [target.department], ledger: ledger,
                                         report: { logger.warning("\($0)", metadata: metadata) })
        let remaining = try ledger.doneOwners(key).pending(of: task.owners)
        let ack = mailer.acknowledgement(plan: plan, task: task, department: target.department, completion: completion,
                                         remaining: remaining, inReplyTo: message?.messageID, now: Date())
        let outcome = transport.send(ack)
        // The completion is recorded: a lost acknowledgement is worth a journal line, not a retry of the whole reply.
        if outcome != .sent { logger.warning("the acknowledgement to \(target.department) could not be sent: \(outcome)", metadata: metadata) }
    }

    private func forward(_ input: Data, message: InboundMessage?, to recipients: [String], reason: String, planTitle: String?,
                         mailer: ReminderMailer, transport: any MailTransport, journal: String, target: ReplyTarget?) throws {
        guard !recipients.isEmpty else { throw InboundFailure("nobody to forward to (\(reason)); set mail.postmaster or the plan's admins") }
        let mail = mailer.forward(original: input, subject: message?.subject, from: message?.from, to: recipients, reason: reason,
                                  planTitle: planTitle, now: Date())
        let outcome = transport.send(mail)
        guard outcome == .sent else { throw InboundFailure("forwarding to \(recipients.joined(separator: ", ")) failed: \(outcome)") }
        var metadata: Logger.Metadata = ["message_id": .string(journal), "recipients": .string(recipients.joined(separator: " "))]
        if let target {
            metadata["plan"] = .string(target.plan)
            metadata["task"] = .string(target.task)
            metadata["department"] = .string(target.department)
        }
        logger.notice("reply from \(message?.from ?? "unknown sender") forwarded to \(recipients.joined(separator: ", ")): \(reason)",
                      metadata: metadata)
    }

    private func decisionID(_ decision: InboundDecision) -> String {
        switch decision {
        case .complete: return JournalMessageID.inboundCompletion
        case .forward: return JournalMessageID.inboundForwarded
        case .automatic: return JournalMessageID.inboundAutomatic
        case .unknown: return JournalMessageID.inboundUnknown
        }
    }

    /// Every owner department of every task: what a reply token can stand for.
    private var targets: [ReplyTarget] {
        configuration.plans.flatMap { loaded in
            loaded.plan.tasks.flatMap { task in task.owners.map { ReplyTarget(plan: loaded.plan.id, task: task.id, department: $0) } }
        }
    }

    /// The postmaster, else every plan's admins: mail no plan claims still reaches a person.
    private var postmaster: [String] {
        if let address = configuration.settings.postmaster { return [address] }
        return Array(Set(configuration.plans.flatMap(\.plan.admins))).sorted()
    }

    private func plan(_ id: String) -> Plan? { configuration.plans.first { $0.plan.id == id }?.plan }
}

/// Why a received message could be neither recorded nor forwarded.
struct InboundFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

import Foundation
import Logging
import NhacViecCore
import NhacViecInbound
import NhacViecMail

/// Takes one received message, as postfix's pipe(8) hands it to `nhacviec inbound`: records a department's
/// completion, marks the addresses a delivery report names, or forwards the message to people.
///
/// Throws only when nothing was recorded and nothing forwarded for a reason that may pass (a busy state file,
/// sendmail down), so that the MTA keeps the message and retries. A forward refused for good is logged and the
/// message counts as handled: retrying it for five days would change nothing.
public struct ReplyIntake {
    let configuration: Configuration
    let ledger: any OfficeLedger
    let transport: any MailTransport
    let mailer: MessageComposer
    let key: ReplyKey?
    let logger: Logger
    let now: Date
    let limit: ForwardLimit

    /// Creates the use case over the ports; `key` is the reply key (nil when replies by mail are off).
    public init(configuration: Configuration, ledger: any OfficeLedger, transport: any MailTransport, key: ReplyKey?,
                logger: Logger, now: Date, limit: ForwardLimit = .standard) {
        self.configuration = configuration
        self.ledger = ledger
        self.transport = transport
        self.mailer = MessageComposer(from: configuration.settings.from, envelopeSender: configuration.settings.envelopeSender,
                                     logger: logger)
        self.key = key
        self.logger = logger
        self.now = now
        self.limit = limit
    }

    /// Handles one message's bytes, sent to `recipient` (the envelope recipient, when the MTA passes it).
    public func take(_ input: Data, recipient: String?) throws {
        let message = try? InboundMessage(data: input)
        let received = Received(data: input, message: message)
        switch decide(message, recipient: recipient) {
        case .complete(let target, let by, let note, let ref, let date):
            try complete(target, by: by, note: note, ref: ref, answeredOn: date, received)
        case .forward(let target, let reason):
            try forward(received, to: admins(target.plan), reason: reason, plan: plan(target.plan), withText: true,
                        journal: JournalMessageID.inboundForwarded, target: target)
        case .automatic(let source, let reason):
            try automatic(received, source: source, reason: reason)
        case .deliveryReport(let copy, let report):
            try deliveryReport(report, copy: copy, received)
        case .groupReply(let copy, let by, let body):
            try groupReply(copy: copy, by: by, body: body, received)
        case .unmatched(let token):
            try unmatched(token, received)
        case .unknown(let reason):
            try forward(received, to: postmaster, reason: reason, plan: nil, withText: false,
                        journal: JournalMessageID.inboundUnknown, target: nil)
        }
    }

    private func decide(_ message: InboundMessage?, recipient: String?) -> InboundDecision {
        let settings = configuration.settings
        guard let replyTo = settings.replyTo, let key, let address = try? ReplyAddress(replyTo: replyTo) else {
            return .unknown(reason: "replies by mail are off (no mail.reply-to in the main file)")
        }
        // A token carries no ids, only a MAC of them: the targets the reply's thread names (In-Reply-To,
        // References) are tried first, a few HMACs; only a reply without them costs an HMAC per current target.
        let hinted = Self.hintedTargets(message, configuration: configuration)
        let configuration = configuration, now = now, ledger = ledger
        let triage = InboundTriage(resolve: { token in
            ReplyTokenIndex(key: key, targets: hinted).target(for: token)
                ?? ReplyTokenIndex(key: key, targets: Self.currentTargets(configuration, now: now)).target(for: token)
                ?? ReplyTokenIndex(key: key, targets: Self.sentOccurrences(configuration, ledger: ledger)).target(for: token)
        }, key: key, address: address, ownAddresses: [settings.envelopeSender])
        return triage.decide(message, recipient: recipient)
    }

    /// Every owner department of every task: what a reply token can stand for today. A recurring task stands for
    /// its occurrences that `status` shows (due in the last year, and the next one), each with a token of its own.
    var currentTargets: [ReplyTarget] { Self.currentTargets(configuration, now: now) }

    static func currentTargets(_ configuration: Configuration, now: Date) -> [ReplyTarget] {
        configuration.plans.flatMap { loaded in
            let today = LocalInstant.day(of: now, zone: loaded.plan.timeZone)
            return loaded.plan.tasks.flatMap { task in
                let items = task.due.recurrence == nil ? [task]
                    : OccurrenceWindow.current(of: task, today: today, calendar: configuration.calendar)
                return items.flatMap { item in
                    item.owners.map { ReplyTarget(plan: loaded.plan.id, task: item.id, department: $0) }
                }
            }
        }
    }

    /// The owners of the tasks named by the Message-IDs the reply refers to: a reminder's own
    /// (`<KIND.YYYYMMDD.TASK.PLAN[.DEPARTMENT]@…>`) or its thread's (`<TASK.PLAN@…>`). Other ids name nothing.
    static func hintedTargets(_ message: InboundMessage?, configuration: Configuration) -> [ReplyTarget] {
        guard let message else { return [] }
        var seen = Set<String>()
        return (message.inReplyTo + message.references).flatMap { id -> [ReplyTarget] in
            let local = id.trimmingCharacters(in: CharacterSet(charactersIn: "<>")).split(separator: "@").first ?? ""
            let parts = local.split(separator: ".").map(String.init)
            let named: (plan: String, task: String)? = switch parts.count {
            case 2: (parts[1], parts[0])
            case 4, 5: (parts[3], parts[2])
            default: nil
            }
            guard let named, seen.insert(named.plan + "/" + named.task).inserted,
                  let plan = configuration.plans.first(where: { $0.plan.id == named.plan })?.plan,
                  let task = plan.task(named.task, calendar: configuration.calendar) else { return [] }
            return task.owners.map { ReplyTarget(plan: plan.id, task: task.id, department: $0) }
        }
    }

    /// The occurrences outside the window of `currentTargets` (a reply to last year's report) that a copy was sent
    /// for and that their plan still has, with the department still an owner: a reply to one counts as to any other.
    static func sentOccurrences(_ configuration: Configuration, ledger: any OfficeLedger) -> [ReplyTarget] {
        let sent = (try? ledger.copyTargets()) ?? []
        return sent.compactMap { sent -> ReplyTarget? in
            guard TaskOccurrence.split(sent.task.taskID) != nil,
                  let plan = configuration.plans.first(where: { $0.plan.id == sent.task.planID })?.plan,
                  let task = plan.task(sent.task.taskID, calendar: configuration.calendar),
                  task.owners.contains(sent.department) else { return nil }
            return ReplyTarget(plan: sent.task.planID, task: sent.task.taskID, department: sent.department)
        }
    }

    /// The postmaster, else every plan's admins: mail no plan claims still reaches a person.
    var postmaster: [String] {
        if let address = configuration.settings.postmaster { return [address] }
        return Array(Set(configuration.plans.flatMap(\.plan.admins))).sorted()
    }

    func plan(_ id: String) -> Plan? { configuration.plans.first { $0.plan.id == id }?.plan }

    /// A plan's admins, else the postmaster.
    func admins(_ planID: String) -> [String] {
        let admins = plan(planID)?.admins ?? []
        return admins.isEmpty ? postmaster : admins
    }
}

/// A received message: its bytes, and its header when it could be read.
struct Received {
    let data: Data
    let message: InboundMessage?
}

/// Why a received message could be neither recorded nor forwarded.
public struct InboundFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    /// Creates a failure.
    public init(_ description: String) { self.description = description }
}

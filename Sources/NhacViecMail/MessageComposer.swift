import Foundation
import Logging
import NhacViecCore

/// Composes every message nhacviec sends (reminders, digests, acknowledgements, forwards, notices) as complete
/// RFC 5322 messages in Vietnamese, ready for a `MailTransport`; it sends nothing itself.
public struct MessageComposer: Sendable {
    /// The envelope sender (`sendmail -f`), a bare address.
    public let envelopeSender: String
    let sender: Mailbox
    let identifiers: ThreadIdentifiers
    let logger: Logger
    /// The reply address of one department's copy (`LOCAL+TOKEN@DOMAIN`), when replies by mail are on.
    let replyAddress: (@Sendable (TaskKey, String) -> String?)?
    /// The signed bounce address (VERP) of the copy with a ledger id, when replies by mail are on.
    let bounceAddressOfCopy: (@Sendable (Int64) -> String)?
    /// The signed reply address of a grouped mail with a ledger id, when replies by mail are on.
    let copyReplyAddress: (@Sendable (Int64) -> String)?

    /// Every variable name a subject or body template can use.
    public static var templateVariables: [String] { TemplateVariables.names }

    /// Creates a mailer sending as `from` (a header value such as `Nhắc việc UBND phường <nhacviec@x.gov.vn>`)
    /// with `envelopeSender` as the bare envelope address, whose domain also names every Message-ID.
    /// `replyAddress` gives a department's copy its own `Reply-To`; without it, or for a copy to several
    /// departments, replies go to the plan's admins.
    /// `bounceAddress` gives each copy the daemon sends its own envelope sender, where its delivery reports return.
    public init(from: String, envelopeSender: String, logger: Logger = Logger(label: "nhacviec.mail"),
                replyAddress: (@Sendable (TaskKey, String) -> String?)? = nil,
                bounceAddress: (@Sendable (Int64) -> String)? = nil, copyReplyAddress: (@Sendable (Int64) -> String)? = nil) {
        self.replyAddress = replyAddress
        self.bounceAddressOfCopy = bounceAddress
        self.copyReplyAddress = copyReplyAddress
        if from.contains(where: \.isNewline) || envelopeSender.contains(where: \.isNewline) {
            logger.warning("line breaks removed from the sender address", metadata: ["from": "\(from)"])
        }
        self.sender = Mailbox(header: from)
        self.envelopeSender = Mailbox(name: nil, address: envelopeSender).address
        self.identifiers = ThreadIdentifiers(domain: MailAddress.domain(of: self.envelopeSender))
        self.logger = logger
    }

    /// The reminder message for one instance, sent at `now`; `isLate` marks a catch-up after downtime.
    public func render(plan: Plan, instance: ReminderInstance, copy: MailCopy? = nil, calendar: WorkingCalendar, now: Date,
                       isLate: Bool) throws(MailError) -> OutgoingMail {
        guard let task = plan.task(instance.taskID, calendar: calendar) else {
            throw MailError(code: .unknownTask, message: "plan '\(plan.id)' has no task '\(instance.taskID)'")
        }
        let copy = copy ?? MailCopy(departments: task.owners, department: nil, recipients: instance.recipients)
        guard !copy.recipients.isEmpty else {
            throw MailError(code: .noRecipients, message: "reminder \(instance.key) has no recipients")
        }
        let reading = LocalReading(now, zone: plan.timeZone)
        let addressing = Addressing(plan: plan, task: task, instance: instance, copy: copy)
        let ownReply = copy.department.flatMap { department in replyAddress?(instance.taskKey, department) }
        let variables = TemplateVariables(plan: plan, task: task, instance: instance, people: addressing.people,
                                          calendar: calendar, now: reading, isLate: isLate,
                                          replyByMail: ownReply != nil, isToAdmins: Self.areAdmins(copy.recipients, of: plan))
        let subjectTemplate = try TextTemplate.cached(source: plan.templates.subject ?? DefaultMailTemplates.subject,
                                                      role: "subject template")
        // Too long a subject gives up words of the title first, keeping the tag, the departments and the deadline.
        let subject = try SubjectLine.fitted(title: task.titleInSentence) { (title) throws(MailError) -> String in
            var context = variables.context
            if title != task.titleInSentence {
                context["titleInSentence"] = title
                context["title"] = SubjectLine.clipped(task.title, to: SubjectLine.length(title))
            }
            return Self.oneLine(subjectTemplate.render(context))
        }
        let body = Self.paragraphs(try TextTemplate.cached(source: plan.templates.body ?? DefaultMailTemplates.body,
                                                           role: "body template").render(variables.context))
        guard !subject.isEmpty, !body.isEmpty else {
            throw MailError(code: .emptyRendering,
                            message: "plan '\(plan.id)': the \(subject.isEmpty ? "subject" : "body") template rendered to nothing")
        }
        let messageID = identifiers.messageID(instance, department: copy.department)
        let root = identifiers.threadRoot(instance)
        let message = headers(to: addressing.to, cc: addressing.cc, replyTo: ownReply.map { [$0] } ?? plan.admins, subject: subject,
                              date: reading, messageID: messageID, inReplyTo: root, references: [root])
        logger.debug("rendered reminder", metadata: ["message-id": "\(messageID)", "instance": "\(instance.key)"])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: copy.recipients, messageID: messageID,
                            data: message.message(body: body))
    }

    /// The parse problems of a plan's template overrides, one line each; empty when they are fine or absent.
    public static func validate(templates: MailTemplates) -> [String] {
        [(templates.subject, "subject template"), (templates.body, "body template")].compactMap { source, role in
            source.flatMap { TextTemplate.problem(in: $0, role: role) }
        }
    }

    /// The header fields every message of ours carries, in a fixed order.
    func headers(to: [Mailbox], cc: [Mailbox], replyTo: [String], subject: String, date: LocalReading,
                 messageID: String, inReplyTo: String?, references: [String]) -> MessageAssembler {
        var message = MessageAssembler()
        message.add(HeaderField("From", words: sender.words))
        message.add(HeaderField("To", words: Mailbox.listWords(to)))
        message.add(HeaderField("Cc", words: Mailbox.listWords(cc)))
        message.add(HeaderField("Reply-To", words: Mailbox.listWords(replyTo.map { Mailbox(name: nil, address: $0) })))
        message.add(HeaderField("Subject", words: EncodedWord.unstructured(
            subject, firstLength: HeaderField.lineLimit - "Subject: ".count)))
        message.add(HeaderField("Date", date.rfc5322))
        message.add(HeaderField("Message-ID", messageID))
        if let inReplyTo {
            message.add(HeaderField("In-Reply-To", inReplyTo))
            message.add(HeaderField("References", words: references))
        }
        // RFC 3834: vacation responders and ticket systems must not answer us.
        message.add(HeaderField("Auto-Submitted", "auto-generated"))
        // Exchange's equivalent, for the offices that run it.
        message.add(HeaderField("X-Auto-Response-Suppress", "All"))
        return message
    }

    /// Whether every address is one of the plan's admins (the Office): mail to them does not tell them to contact
    /// themselves.
    static func areAdmins(_ addresses: [String], of plan: Plan) -> Bool {
        let admins = Set(plan.admins.map { $0.lowercased() })
        return !addresses.isEmpty && addresses.allSatisfy { admins.contains($0.lowercased()) }
    }

    /// A subject as one line: a template's line breaks and runs of spaces become single spaces.
    static func oneLine(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A body without blank lines at either end or two in a row, ending in one line break.
    ///
    /// Text is composed to NFC because names typed on some systems arrive decomposed, which older Vietnamese
    /// mail clients show as loose diacritics. Runs of blank lines are those a template leaves where a section
    /// printed nothing (a task without description or event details).
    static func paragraphs(_ text: String) -> String {
        let composed = text.precomposedStringWithCanonicalMapping
        let trimmed = composed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        var lines: [Substring] = []
        for line in trimmed.split(separator: "\n", omittingEmptySubsequences: false)
        where !(line.isEmpty && lines.last?.isEmpty == true) {
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

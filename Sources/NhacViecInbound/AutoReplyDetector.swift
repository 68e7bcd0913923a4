/// The rules for messages that must never be answered automatically nor taken for a person's reply:
/// RFC 3834, RFC 3464 reports, and the habits of Exchange and vacation programs. Headers only.
public struct AutoReplyDetector: Sendable {
    /// Why a message counts as automatic, for the journal.
    public enum Reason: Equatable, Sendable {
        /// `Auto-Submitted` is present and not `no`; the value as written.
        case autoSubmitted(String)
        /// `Precedence` is bulk, list or junk.
        case precedence(String)
        /// A vacation program's or Exchange's own marker (`X-Autoreply`, `X-Autorespond`,
        /// `X-MS-Exchange-Inbox-Rules-Loop`).
        case autoreplyHeader(String)
        /// The subject of Outlook's and Exchange's automatic replies ("Automatic reply:", "Trả lời tự động:").
        case autoreplySubject(String)
        /// A `multipart/report` (a delivery or read report).
        case deliveryReport
        /// The null envelope sender `<>` of bounces and delivery notifications.
        case nullSender
        /// A sender whose local part is `MAILER-DAEMON`, as mail systems sign their notices.
        case mailerDaemon
        /// The message comes from our own address (`From` or `Return-Path`), so answering could loop.
        case ownSender
    }

    /// Subject prefixes of automatic replies, folded to lower case. `X-Auto-Response-Suppress` is not among the
    /// signs: Outlook puts it on ordinary mail too, so it is a hint, not proof.
    static let automaticSubjects = ["automatic reply:", "auto reply:", "autoreply:", "trả lời tự động:", "tra loi tu dong:"]
    private static let markerHeaders = ["X-Autoreply", "X-Autorespond", "X-MS-Exchange-Inbox-Rules-Loop"]

    private let ownAddresses: Set<String>

    /// A detector that also treats mail from these addresses (the daemon's sender) as automatic.
    public init(ownAddresses: [String]) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
    }

    /// Why the message is automatic, or nil when a person wrote it.
    public func reason(_ message: InboundMessage) -> Reason? {
        if message.returnPath == "" { return .nullSender }
        let senders = [message.from, message.returnPath].compactMap { $0?.lowercased() }
        if senders.contains(where: { $0.hasPrefix("mailer-daemon@") || $0 == "mailer-daemon" }) { return .mailerDaemon }
        if message.isReport { return .deliveryReport }
        if let value = message.autoSubmitted, Self.keyword(value) != "no" { return .autoSubmitted(value) }
        if let value = message.precedence, ["bulk", "list", "junk"].contains(Self.keyword(value)) { return .precedence(value) }
        for name in Self.markerHeaders where message.header(name) != nil { return .autoreplyHeader(name) }
        if let subject = message.subject?.trimmingWhitespace(),
           Self.automaticSubjects.contains(where: { subject.lowercased().hasPrefix($0) }) {
            return .autoreplySubject(subject)
        }
        if senders.contains(where: ownAddresses.contains) { return .ownSender }
        return nil
    }

    /// Whether the message is automatic.
    public func isAutomatic(_ message: InboundMessage) -> Bool { reason(message) != nil }

    /// The value's first word, lowercased, without parameters or comments (`auto-replied (vacation)`).
    private static func keyword(_ value: String) -> String {
        String(value.lowercased().prefix { $0 != ";" && $0 != "(" }).trimmingWhitespace()
    }
}

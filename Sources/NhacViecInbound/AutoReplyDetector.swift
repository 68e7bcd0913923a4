/// RFC 3834's rules for messages that must never be answered automatically.
public struct AutoReplyDetector: Sendable {
    /// Why a message counts as automatic, for the journal.
    public enum Reason: Equatable, Sendable {
        /// `Auto-Submitted` is present and not `no`; the value as written.
        case autoSubmitted(String)
        /// `Precedence` is bulk, list or junk.
        case precedence(String)
        /// A vacation program's own marker (`X-Autoreply`, `X-Autorespond`).
        case autoreplyHeader(String)
        /// The null envelope sender `<>` of bounces and delivery notifications.
        case nullSender
        /// The message comes from our own address (`From` or `Return-Path`), so answering could loop.
        case ownSender
    }

    private let ownAddresses: Set<String>

    /// A detector that also treats mail from these addresses (the daemon's sender) as automatic.
    public init(ownAddresses: [String]) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
    }

    /// Why the message is automatic, or nil when a person wrote it.
    public func reason(_ message: InboundMessage) -> Reason? {
        if let value = message.autoSubmitted, Self.keyword(value) != "no" { return .autoSubmitted(value) }
        if let value = message.precedence, ["bulk", "list", "junk"].contains(Self.keyword(value)) { return .precedence(value) }
        for name in ["X-Autoreply", "X-Autorespond"] where message.header(name) != nil { return .autoreplyHeader(name) }
        if message.returnPath == "" { return .nullSender }
        let senders = [message.from, message.returnPath].compactMap { $0?.lowercased() }
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

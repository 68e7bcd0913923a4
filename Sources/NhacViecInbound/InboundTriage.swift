/// Decides what a received message is: the rule of replies by mail, kept apart from files, the ledger and sendmail.
///
/// The order is the defence. Everything before the token check is exposed to the world, so the envelope
/// recipient's token is checked first, from the header alone; only a message to a genuine address of ours
/// is read further. Automatic mail is recognised before any text is read, so it is never taken for a reply.
public struct InboundTriage: Sendable {
    private let resolve: @Sendable (ReplyToken) -> ReplyTarget?
    private let address: ReplyAddress
    private let key: ReplyKey
    private let detector: AutoReplyDetector

    /// A triage for the reply tokens of `index` and the bounce tokens signed by `key`, under the configured reply
    /// `address`; mail from `ownAddresses` (the daemon's sender) counts as automatic.
    public init(index: ReplyTokenIndex, key: ReplyKey, address: ReplyAddress, ownAddresses: [String]) {
        self.init(resolve: { index.target(for: $0) }, key: key, address: address, ownAddresses: ownAddresses)
    }

    /// A triage that finds a reply token's target with `resolve`, called only for a well-formed token; the
    /// rest as `init(index:key:address:ownAddresses:)`.
    public init(resolve: @escaping @Sendable (ReplyToken) -> ReplyTarget?, key: ReplyKey, address: ReplyAddress,
                ownAddresses: [String]) {
        self.resolve = resolve
        self.address = address
        self.key = key
        self.detector = AutoReplyDetector(ownAddresses: ownAddresses + [address.local + "@" + address.domain])
    }

    /// The decision for a message (nil when it could not be read) sent to `recipient`.
    public func decide(_ message: InboundMessage?, recipient: String?) -> InboundDecision {
        guard let message else { return .unknown(reason: "the message could not be read as mail") }
        switch address.recipientToken(recipient: recipient, message: message) {
        case .none:
            let automatic = detector.reason(message).map { " (\(Self.describe($0)))" } ?? ""
            return .unknown(reason: "it was not sent to a reply address of a reminder (no token)\(automatic)")
        case .copy(let token):
            guard token.verifies(key: key) else {
                return .unknown(reason: "its address carries a forged copy token (\(token.text))")
            }
            switch token.purpose {
            case .bounce: return bounce(message, copy: token.copy)
            case .reply: return groupReply(message, copy: token.copy)
            }
        case .reply(let token):
            return reply(message, token: token)
        }
    }

    /// A message to a genuine bounce address: a delivery report about the copy, or automatic mail (a vacation
    /// program answers the envelope sender).
    private func bounce(_ message: InboundMessage, copy: Int64) -> InboundDecision {
        if !message.isOversized, let report = DeliveryReport.read(message) { return .deliveryReport(copy: copy, report) }
        let why = detector.reason(message).map(Self.describe) ?? "a message to a bounce address that is not a delivery report"
        return .automatic(.copy(copy), reason: why)
    }

    /// A message to a grouped mail's reply address: automatic mail is kept for the plan's admins; a person's text is
    /// handed on whole, since only the copy's items tell what it names.
    private func groupReply(_ message: InboundMessage, copy: Int64) -> InboundDecision {
        if let why = detector.reason(message) { return .automatic(.copy(copy), reason: Self.describe(why)) }
        if message.isOversized {
            return .automatic(.copy(copy), reason: "thư quá lớn (the message is too large to read: over \(InboundMessage.maximumSize >> 20) MB)")
        }
        return .groupReply(copy: copy, by: message.from ?? message.returnPath ?? "unknown sender", body: message.body)
    }

    private func reply(_ message: InboundMessage, token: ReplyToken) -> InboundDecision {
        let target = resolve(token)
        if let why = detector.reason(message) {
            if message.isReport, target != nil, !message.isOversized, let report = DeliveryReport.read(message) {
                return .deliveryReport(copy: nil, report)
            }
            return .automatic(target.map(AutomaticSource.target) ?? .none, reason: Self.describe(why))
        }
        guard let target else { return .unmatched(token) }
        if message.isOversized {
            return .forward(target, reason: "thư quá lớn (the message is too large to read: over \(InboundMessage.maximumSize >> 20) MB)")
        }
        switch ReplyReader.read(message.body) {
        case .completion(let note, let ref, let date):
            return .complete(target, by: message.from ?? message.returnPath ?? "unknown sender", note: note, ref: ref,
                             date: date)
        case .other(let line):
            return .forward(target, reason: "the reply is not a completion report: \"\(String(line.prefix(200)))\"")
        case .empty:
            return .forward(target, reason: "the reply has no text of its own")
        }
    }

    static func describe(_ reason: AutoReplyDetector.Reason) -> String {
        switch reason {
        case .autoSubmitted(let value): return "automatic message (Auto-Submitted: \(value))"
        case .precedence(let value): return "automatic message (Precedence: \(value))"
        case .autoreplyHeader(let name): return "automatic message (\(name))"
        case .autoreplySubject(let subject): return "automatic reply (subject \"\(subject.prefix(80))\")"
        case .deliveryReport: return "delivery report (multipart/report)"
        case .nullSender: return "delivery notification (null sender)"
        case .mailerDaemon: return "delivery notification (from MAILER-DAEMON)"
        case .ownSender: return "a message from nhacviec's own address"
        }
    }
}

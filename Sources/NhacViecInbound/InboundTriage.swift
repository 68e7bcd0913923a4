/// Decides what a received message is: the rule of replies by mail, kept apart from files, the ledger and sendmail.
public struct InboundTriage: Sendable {
    private let index: ReplyTokenIndex
    private let address: ReplyAddress
    private let detector: AutoReplyDetector

    /// A triage for the reply tokens of `index`, under the configured reply `address`; mail from `ownAddresses`
    /// (the daemon's sender) counts as automatic.
    public init(index: ReplyTokenIndex, address: ReplyAddress, ownAddresses: [String]) {
        self.index = index
        self.address = address
        self.detector = AutoReplyDetector(ownAddresses: ownAddresses + [address.local + "@" + address.domain])
    }

    /// The decision for a message (nil when it could not be read) sent to `recipient`.
    ///
    /// The token is verified first, so a forged one never reaches a plan; an automatic message is never
    /// taken for a completion, whatever its text says.
    public func decide(_ message: InboundMessage?, recipient: String?) -> InboundDecision {
        guard let message else { return .unknown(reason: "the message could not be read as mail") }
        guard let token = address.token(recipient: recipient, message: message) else {
            return .unknown(reason: "it was not sent to a reply address of a reminder (no token)")
        }
        guard let target = index.target(for: token) else {
            return .unknown(reason: "its reply address carries an unknown or forged token (\(token.text))")
        }
        if let why = detector.reason(message) { return .automatic(target, reason: Self.describe(why)) }
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

    private static func describe(_ reason: AutoReplyDetector.Reason) -> String {
        switch reason {
        case .autoSubmitted(let value): return "automatic message (Auto-Submitted: \(value))"
        case .precedence(let value): return "automatic message (Precedence: \(value))"
        case .autoreplyHeader(let name): return "automatic message (\(name))"
        case .nullSender: return "delivery notification (null sender)"
        case .ownSender: return "a message from nhacviec's own address"
        }
    }
}

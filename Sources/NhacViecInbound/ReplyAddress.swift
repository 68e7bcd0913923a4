/// The reply address of a reminder, `LOCAL+TOKEN@DOMAIN`, built from the configured `mail.reply-to`
/// address, and the way back from an envelope recipient to its token.
public struct ReplyAddress: Sendable {
    /// The configured address's local part (`nhacviec`).
    public let local: String
    /// The configured address's domain (`badon.example.gov.vn`).
    public let domain: String
    /// postfix's `recipient_delimiter`.
    public let delimiter: Character

    /// Parses the configured `reply-to` address; throws when it is not a plain address or already has an extension.
    public init(replyTo: String, delimiter: Character = "+") throws {
        let address = replyTo.trimmingWhitespace()
        guard MailAddressSyntax.isPlain(address), let at = address.lastIndex(of: "@"),
              !address[..<at].contains(delimiter) else {
            throw InboundError(code: .invalidReplyAddress,
                               message: "reply-to \"\(replyTo)\" must be a plain local@domain address without \"\(delimiter)\"")
        }
        local = String(address[..<at])
        domain = String(address[address.index(after: at)...])
        self.delimiter = delimiter
    }

    /// `LOCAL+TOKEN@DOMAIN`.
    public func address(for token: ReplyToken) -> String {
        "\(local)\(delimiter)\(token.text)@\(domain)"
    }

    /// `LOCAL+b.ID.MAC@DOMAIN` (the envelope sender of one copy, where its delivery reports come back) or
    /// `LOCAL+c.ID.MAC@DOMAIN` (the `Reply-To` of a grouped mail).
    public func address(for token: CopyToken) -> String {
        "\(local)\(delimiter)\(token.text)@\(domain)"
    }

    /// What the envelope recipient (or, without one, the first of `Delivered-To`, `To` and `Cc` that is ours)
    /// carries: a reply token, a bounce token, or nothing (the bare address, or someone else's).
    public func recipientToken(recipient: String?, message: InboundMessage) -> RecipientToken? {
        if let recipient, !recipient.trimmingWhitespace().isEmpty { return recipientToken(inRecipient: recipient) }
        let candidates = message.deliveredTo + message.to + message.cc
        return candidates.lazy.compactMap { recipientToken(inRecipient: $0) }.first
    }

    /// The token in one recipient address, either kind; nil when it is not ours or carries neither.
    public func recipientToken(inRecipient recipient: String) -> RecipientToken? {
        guard let text = extensionText(recipient) else { return nil }
        if let token = CopyToken(text: text) { return .copy(token) }
        return ReplyToken(text: text).map(RecipientToken.reply)
    }

    /// The token the message was sent to: from the envelope recipient when postfix passed one
    /// (`--recipient ${original_recipient}`), else from `Delivered-To`, else from `To` and `Cc`.
    ///
    /// A recipient given by the MTA is where the message really went, so the headers are not consulted then.
    public func token(recipient: String?, message: InboundMessage) -> ReplyToken? {
        if let recipient, !recipient.trimmingWhitespace().isEmpty { return token(inRecipient: recipient) }
        let candidates = message.deliveredTo + message.to + message.cc
        return candidates.lazy.compactMap { token(inRecipient: $0) }.first
    }

    /// The token in an envelope recipient such as postfix's `${original_recipient}`: local part and domain
    /// compared without case, angle brackets and a display name tolerated; nil when the address is not ours
    /// or carries no well-formed token.
    public func token(inRecipient recipient: String) -> ReplyToken? {
        extensionText(recipient).flatMap(ReplyToken.init(text:))
    }

    /// The address extension after `LOCAL+` in one of our addresses; nil when the address is not ours.
    private func extensionText(_ recipient: String) -> String? {
        var text = recipient.trimmingWhitespace()
        if let open = text.lastIndex(of: "<") {
            text = String(text[text.index(after: open)...].prefix { $0 != ">" }).trimmingWhitespace()
        }
        guard let at = text.lastIndex(of: "@"), text[text.index(after: at)...].lowercased() == domain.lowercased() else {
            return nil
        }
        let localPart = text[..<at]
        let prefix = local + String(delimiter)
        guard localPart.count > prefix.count, localPart.lowercased().hasPrefix(prefix.lowercased()) else { return nil }
        return String(localPart.dropFirst(prefix.count))
    }
}

/// What an address extension names: a department's part of a task (a reply), or a sent copy (a bounce, or the reply
/// to a grouped mail).
public enum RecipientToken: Hashable, Sendable {
    /// A reply token, as a single reminder's `Reply-To` hands it out.
    case reply(ReplyToken)
    /// A copy token: the envelope sender's (`b.`) or a grouped mail's `Reply-To` (`c.`).
    case copy(CopyToken)
}

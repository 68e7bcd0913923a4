import Foundation

/// One received mail message, as postfix's `pipe(8)` hands it over: its header fields, addresses and best text.
///
/// Creating one reads the header section only and keeps the bytes. The body is decoded when `text()` (or
/// `body`, or `parts()`) asks for it, so a message that the triage refuses on its header, such as one without
/// a valid reply token, is never read any further. Reading never crashes on malformed input: a message without
/// any header section throws, anything else degrades (a broken MIME structure is read as text, undecodable bytes
/// become U+FFFD), and every step costs time and memory in proportion to the message's size.
public struct InboundMessage: Sendable {
    /// The largest message read; a reply to a reminder is a few kilobytes, an attachment-laden one a few megabytes.
    public static let maximumSize = 32 << 20

    /// The header fields and the body as received, which `init` kept without reading.
    let entity: MIMEEntity
    /// Whether the message is over `maximumSize`: its header is read, its body never is.
    public let isOversized: Bool
    /// The message's size in bytes, as received.
    public let size: Int

    /// Reads a message's header section from its bytes, with LF or CRLF line ends, and keeps the rest unread; throws
    /// only when there is no header section. An oversized message keeps its header (who sent it, to which address:
    /// what its forward says) and none of its body.
    public init(bytes: [UInt8]) throws {
        size = bytes.count
        isOversized = bytes.count > Self.maximumSize
        // 1 MB of header is more than any MTA accepts.
        var entity = MIMEEntity.parse(isOversized ? bytes.prefix(1 << 20) : bytes[...])
        guard !entity.fields.isEmpty else {
            throw InboundError(code: .notAMessage, message: "the input does not start with a mail header section")
        }
        if isOversized { entity = MIMEEntity(fields: entity.fields, contentType: entity.contentType, body: []) }
        self.entity = entity
    }

    /// Reads a message's header section from data, with LF or CRLF line ends.
    public init(data: Data) throws {
        try self.init(bytes: [UInt8](data))
    }

    /// The text a person wrote: the first inline text/plain part, else the first text/html part as text,
    /// NFC-normalised, lines separated by `\n`; empty when the message has no text part. Decoded on each call.
    public func text() -> String {
        isOversized ? "" : BodyFinder.text(of: entity) ?? ""
    }

    /// The text a person wrote, as `text()` gives it: decoded on each access, so keep the value.
    public var body: String { text() }

    /// The leaves of the message's MIME tree, depth first: multiparts opened (to a depth of 16), everything else
    /// as one part, a message that is not multipart as its only part. An enclosed `message/rfc822` is one part;
    /// `InboundPart.message()` opens it.
    public func parts() -> [InboundPart] {
        MIMETree.leaves(of: entity).map(InboundPart.init)
    }

    /// The first field with this name (case-insensitive), encoded-words decoded and NFC-normalised.
    public func header(_ name: String) -> String? {
        entity.decodedField(name)
    }

    /// Every field with this name, in order, decoded as `header(_:)` does.
    public func headers(named name: String) -> [String] {
        entity.decodedFields(named: name)
    }

    /// The sender's address (`From`), without display name.
    public var from: String? { addresses("From").first }
    /// The `To` addresses.
    public var to: [String] { addresses("To") }
    /// The `Cc` addresses.
    public var cc: [String] { addresses("Cc") }
    /// The `Delivered-To` addresses, newest first as MTAs prepend them.
    public var deliveredTo: [String] { addresses("Delivered-To") }
    /// The `Return-Path` address; an empty string for the null sender `<>` of bounces and notifications.
    public var returnPath: String? {
        entity.field("Return-Path").map { AddressList.addresses(in: $0).first ?? "" }
    }
    /// The decoded `Subject`.
    public var subject: String? { header("Subject") }
    /// The `Message-ID`, angle brackets included.
    public var messageID: String? { MessageIDList.ids(in: entity.field("Message-ID") ?? "").first }
    /// The ids in `In-Reply-To`, angle brackets included.
    public var inReplyTo: [String] { MessageIDList.ids(in: entity.field("In-Reply-To") ?? "") }
    /// The ids in `References`, oldest first, angle brackets included.
    public var references: [String] { MessageIDList.ids(in: entity.field("References") ?? "") }
    /// The `Auto-Submitted` value (RFC 3834), if any.
    public var autoSubmitted: String? { header("Auto-Submitted") }
    /// The `Precedence` value, if any.
    public var precedence: String? { header("Precedence") }
    /// Whether the message is a `multipart/report` (RFC 6522): a delivery or read notification.
    public var isReport: Bool {
        let type = ContentType(entity.field("Content-Type"))
        return type.type == "multipart" && type.subtype == "report"
    }

    private func addresses(_ name: String) -> [String] {
        entity.fields(named: name).flatMap { AddressList.addresses(in: $0) }
    }
}

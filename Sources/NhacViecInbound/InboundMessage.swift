import Foundation

/// One received mail message, as postfix's `pipe(8)` hands it over: its header fields, addresses and best text.
///
/// Reading never crashes on malformed input: a message without any header section throws, anything else
/// degrades (a broken MIME structure is read as text, undecodable bytes become U+FFFD).
public struct InboundMessage: Sendable {
    /// The largest message read; a reply to a reminder is a few kilobytes, an attachment-laden one a few megabytes.
    public static let maximumSize = 32 << 20

    private let fields: [MIMEEntity.Field]
    /// The whole message, for readers of its structure (delivery reports).
    let entity: MIMEEntity

    /// The text a person wrote: the first inline text/plain part, else the first text/html part as text,
    /// NFC-normalised, lines separated by `\n`; empty when the message has no text part.
    public let body: String

    /// Whether the message is over `maximumSize`: its header is read, its body never is.
    public let isOversized: Bool
    /// The message's size in bytes, as received.
    public let size: Int

    /// Parses a message from its bytes, with LF or CRLF line ends; throws only when there is no header section.
    public init(bytes: [UInt8]) throws {
        size = bytes.count
        isOversized = bytes.count > Self.maximumSize
        // An oversized message's header is still worth reading (who sent it, to which address); 1 MB of header
        // is more than any MTA accepts.
        let readable = isOversized ? Array(bytes.prefix(1 << 20)) : bytes
        var entity = MIMEEntity.parse(Self.withoutCarriageReturns(readable)[...])
        guard !entity.fields.isEmpty else {
            throw InboundError(code: .notAMessage, message: "the input does not start with a mail header section")
        }
        if isOversized { entity = MIMEEntity(fields: entity.fields, body: []) }
        fields = entity.fields
        self.entity = entity
        body = isOversized ? "" : (BodyFinder.text(of: entity) ?? "").precomposedStringWithCanonicalMapping
    }

    /// Parses a message from data, with LF or CRLF line ends.
    public init(data: Data) throws {
        try self.init(bytes: [UInt8](data))
    }

    /// The first field with this name (case-insensitive), encoded-words decoded and NFC-normalised.
    public func header(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }.map { Self.decoded($0.value) }
    }

    /// Every field with this name, in order, decoded as `header(_:)` does.
    public func headers(named name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map { Self.decoded($0.value) }
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
        raw("Return-Path").map { AddressList.addresses(in: $0).first ?? "" }
    }
    /// The decoded `Subject`.
    public var subject: String? { header("Subject") }
    /// The `Message-ID`, angle brackets included.
    public var messageID: String? { MessageIDList.ids(in: raw("Message-ID") ?? "").first }
    /// The ids in `In-Reply-To`, angle brackets included.
    public var inReplyTo: [String] { MessageIDList.ids(in: raw("In-Reply-To") ?? "") }
    /// The ids in `References`, oldest first, angle brackets included.
    public var references: [String] { MessageIDList.ids(in: raw("References") ?? "") }
    /// The `Auto-Submitted` value (RFC 3834), if any.
    public var autoSubmitted: String? { header("Auto-Submitted") }
    /// The `Precedence` value, if any.
    public var precedence: String? { header("Precedence") }
    /// Whether the message is a `multipart/report` (RFC 6522): a delivery or read notification.
    public var isReport: Bool {
        let type = ContentType(raw("Content-Type"))
        return type.type == "multipart" && type.subtype == "report"
    }

    private func raw(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    private func addresses(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.flatMap { AddressList.addresses(in: $0.value) }
    }

    private static func decoded(_ value: String) -> String {
        EncodedWordDecoder.decode(value).precomposedStringWithCanonicalMapping
    }

    private static func withoutCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where byte != 13 || index + 1 >= bytes.count || bytes[index + 1] != 10 {
            out.append(byte)
        }
        return out
    }
}

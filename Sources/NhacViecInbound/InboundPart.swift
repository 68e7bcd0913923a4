/// One leaf of a received message's MIME tree: a text, an attachment, a delivery status, an enclosed message.
///
/// Parts are slices of the message's bytes; nothing is decoded until asked.
public struct InboundPart: Sendable {
    let entity: MIMEEntity

    /// The media type, lowercased: `text/plain`, `message/delivery-status`, `message/rfc822`…; text/plain when
    /// the part has no readable `Content-Type`, as RFC 2045 says.
    public var mediaType: String {
        let type = entity.contentType
        return type.type + "/" + type.subtype
    }

    /// A `Content-Type` parameter (`charset`, `report-type`, `name`…) by case-insensitive name, unquoted.
    public func parameter(_ name: String) -> String? {
        entity.contentType.parameters[name.lowercased()]
    }

    /// The part's first header field with this name (case-insensitive), encoded-words decoded, NFC-normalised.
    public func header(_ name: String) -> String? {
        entity.decodedField(name)
    }

    /// Every header field of the part with this name, in order, decoded as `header(_:)` does.
    public func headers(named name: String) -> [String] {
        entity.decodedFields(named: name)
    }

    /// Whether `Content-Disposition` marks the part as an attachment.
    public var isAttachment: Bool { entity.isAttachment }

    /// The body with its content-transfer-encoding undone and its line ends brought to LF.
    public func decodedBody() -> [UInt8] {
        entity.decodedBody
    }

    /// The body as text in its charset, lines separated by `\n`, NFC-normalised; markup and flowed lines as sent.
    public func text() -> String {
        entity.contentType.charset.decode(entity.decodedBody).precomposedNFC
    }

    /// The message a `message/rfc822` part encloses (or the header of a `text/rfc822-headers` part), read as
    /// `InboundMessage` reads one: its header now, its body when asked.
    public func message() throws -> InboundMessage {
        try InboundMessage(bytes: decodedBody())
    }
}

/// One RFC 5322 message or MIME body part: its header fields, unfolded, and its still-encoded body.
struct MIMEEntity: Sendable {
    /// A header field as written, unfolded but not yet RFC 2047-decoded, so structured fields parse first.
    struct Field: Sendable {
        let name: String
        /// The name lowercased once, since every lookup compares names case-insensitively.
        let key: String
        let value: String
    }

    let fields: [Field]
    /// The `Content-Type`, text/plain in US-ASCII when absent as RFC 2045 says; parsed once, as every step of
    /// the reading asks for it.
    let contentType: ContentType
    /// The body as received, CRLF or LF line ends, still in its transfer encoding: a slice of the message's own
    /// bytes, so neither a part nor its parts copy them.
    let body: ArraySlice<UInt8>

    /// Splits the bytes (LF or CRLF line ends) at the first empty line; never fails, and reads no further
    /// than the header section.
    ///
    /// A line that cannot be a header field ends the header section there, as it does in lenient readers,
    /// and the rest is body. A leading mbox `From ` line, which some delivery agents add, is skipped.
    static func parse(_ bytes: ArraySlice<UInt8>) -> MIMEEntity {
        var fields: [(name: String, value: [UInt8])] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            var line = bytes[start..<end]
            if line.last == 13 { line = line.dropLast() }
            let next = end < bytes.endIndex ? end + 1 : end
            if line.isEmpty { start = next; break }
            if line.first == 32 || line.first == 9, !fields.isEmpty {
                fields[fields.count - 1].value.append(UInt8(ascii: "\n"))
                fields[fields.count - 1].value.append(contentsOf: line)
            } else if let colon = fieldNameEnd(line) {
                let name = String(decoding: line[..<colon], as: UTF8.self).trimmingWhitespace()
                fields.append((name, Array(line[(colon + 1)...])))
            } else if !(fields.isEmpty && start == bytes.startIndex && line.starts(with: Array("From ".utf8))) {
                break
            }
            start = next
        }
        let unfolded = fields.map { Field(name: $0.name, key: $0.name.lowercased(), value: unfold($0.value)) }
        let contentType = ContentType(unfolded.first { $0.key == "content-type" }?.value)
        return MIMEEntity(fields: unfolded, contentType: contentType, body: bytes[start...])
    }

    /// The unfolded value of the first field with this name (case-insensitive).
    func field(_ name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.key == key }?.value
    }

    /// The values of every field with this name, in order.
    func fields(named name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.key == key }.map(\.value)
    }

    /// The first field with this name as a person reads it: encoded-words decoded, NFC-normalised.
    func decodedField(_ name: String) -> String? {
        field(name).map(Self.decoded)
    }

    /// Every field with this name, in order, decoded as `decodedField(_:)` does.
    func decodedFields(named name: String) -> [String] {
        fields(named: name).map(Self.decoded)
    }

    /// Whether the part is an attachment, which is never the reply's text even when it is text/plain.
    var isAttachment: Bool {
        field("Content-Disposition").map { $0.trimmingWhitespace().lowercased().hasPrefix("attachment") } ?? false
    }

    /// The body with its content-transfer-encoding undone and its line ends brought to LF.
    var decodedBody: [UInt8] {
        LineEnds.normalized(TransferDecoding.decode(body, encoding: field("Content-Transfer-Encoding")))
    }

    private static func decoded(_ value: String) -> String {
        EncodedWordDecoder.decode(value).precomposedNFC
    }

    private static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
        // RFC 5322 field names are printable ASCII without spaces; `Subject :` (obsolete syntax) is tolerated.
        var name = line[..<colon]
        while name.last == 32 || name.last == 9 { name = name.dropLast() }
        guard !name.isEmpty, name.allSatisfy({ $0 > 32 && $0 < 127 }) else { return nil }
        return colon
    }

    /// RFC 5322 unfolding removes the line breaks and keeps the whitespace; header bytes outside ASCII are
    /// read as UTF-8 (RFC 6532) when valid, else in the Vietnamese code page.
    private static func unfold(_ value: [UInt8]) -> String {
        let text = Charset.unknown.decode(value.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
        return text.trimmingWhitespace()
    }
}

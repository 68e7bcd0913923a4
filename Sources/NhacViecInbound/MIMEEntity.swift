/// One RFC 5322 message or MIME body part: its header fields, unfolded, and its still-encoded body.
struct MIMEEntity {
    /// A header field as written, unfolded but not yet RFC 2047-decoded, so structured fields parse first.
    struct Field {
        let name: String
        let value: String
    }

    let fields: [Field]
    let body: [UInt8]

    /// Splits the bytes (LF line ends) at the first empty line; never fails.
    ///
    /// A line that cannot be a header field ends the header section there, as it does in lenient readers,
    /// and the rest is body. A leading mbox `From ` line, which some delivery agents add, is skipped.
    static func parse(_ bytes: ArraySlice<UInt8>) -> MIMEEntity {
        var fields: [(name: String, value: [UInt8])] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let line = bytes[start..<end]
            let next = end < bytes.endIndex ? end + 1 : end
            if line.isEmpty { start = next; break }
            if line.first == 32 || line.first == 9, !fields.isEmpty {
                fields[fields.count - 1].value += [UInt8(ascii: "\n")] + line
            } else if let colon = fieldNameEnd(line) {
                fields.append((String(decoding: line[..<colon], as: UTF8.self).trimmingWhitespace(), Array(line[(colon + 1)...])))
            } else if !(fields.isEmpty && start == bytes.startIndex && line.starts(with: Array("From ".utf8))) {
                break
            }
            start = next
        }
        return MIMEEntity(fields: fields.map { Field(name: $0.name, value: unfold($0.value)) }, body: Array(bytes[start...]))
    }

    /// The unfolded value of the first field with this name (case-insensitive).
    func field(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The values of every field with this name, in order.
    func fields(named name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// The `Content-Type`, text/plain in US-ASCII when absent as RFC 2045 says.
    var contentType: ContentType { ContentType(field("Content-Type")) }

    /// Whether the part is an attachment, which is never the reply's text even when it is text/plain.
    var isAttachment: Bool {
        field("Content-Disposition").map { $0.trimmingWhitespace().lowercased().hasPrefix("attachment") } ?? false
    }

    /// The body with its content-transfer-encoding undone.
    var decodedBody: [UInt8] { TransferDecoding.decode(body, encoding: field("Content-Transfer-Encoding")) }

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

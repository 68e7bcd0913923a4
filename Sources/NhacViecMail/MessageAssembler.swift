import Foundation

/// Puts header fields and a text body together as RFC 5322 + MIME bytes with CRLF line endings.
struct MessageAssembler {
    /// The fields in the order they are written.
    var fields: [HeaderField] = []

    /// Adds a field unless it has no words (an empty `Cc` is left out rather than written empty).
    mutating func add(_ field: HeaderField) {
        if !field.words.isEmpty { fields.append(field) }
    }

    /// The whole message: the fields, the MIME fields of a quoted-printable UTF-8 text body, a blank line, the body.
    func message(body: String) -> Data {
        var all = fields
        all.append(HeaderField("MIME-Version", "1.0"))
        all.append(HeaderField("Content-Type", words: ["text/plain;", "charset=utf-8"]))
        all.append(HeaderField("Content-Transfer-Encoding", "quoted-printable"))
        let header = all.flatMap(\.lines).map { $0 + "\r\n" }.joined()
        return Data((header + "\r\n" + QuotedPrintable.encode(body)).utf8)
    }

    /// A multipart/mixed message: a quoted-printable UTF-8 text part, then `attached` whole as `message/rfc822`
    /// (RFC 2046 §5.2.1: the enclosed message's own bytes, 8bit, never re-encoded).
    func message(body: String, attaching attached: Data) -> Data {
        let boundary = "nhacviec-" + UUID().uuidString
        var all = fields
        all.append(HeaderField("MIME-Version", "1.0"))
        all.append(HeaderField("Content-Type", words: ["multipart/mixed;", "boundary=\"\(boundary)\""]))
        let header = all.flatMap(\.lines).map { $0 + "\r\n" }.joined()
        var data = Data((header + "\r\n--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + QuotedPrintable.encode(body)
            + "\r\n--\(boundary)\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"thu-goc.eml\"\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n").utf8)
        data.append(Self.crlf(attached))
        data.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return data
    }

    /// The bytes with bare LFs turned into CRLF, as MIME's canonical form asks.
    private static func crlf(_ data: Data) -> Data {
        var out = Data(capacity: data.count + data.count / 40)
        var previous: UInt8 = 0
        for byte in data {
            if byte == 10, previous != 13 { out.append(13) }
            out.append(byte)
            previous = byte
        }
        return out
    }
}

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
}

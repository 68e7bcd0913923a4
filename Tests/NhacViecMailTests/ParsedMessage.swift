import Foundation

/// A message read back by independent, deliberately simple decoders, so the tests do not trust the encoder.
struct ParsedMessage {
    /// Physical lines of the whole message, without their CRLF.
    let lines: [String]
    /// Unfolded header fields in order: name and raw (still encoded) value.
    let fields: [(name: String, value: String)]
    /// The body as sent (quoted-printable).
    let rawBody: String

    init(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
        let blank = lines.firstIndex(of: "") ?? lines.count
        var fields: [(name: String, value: String)] = []
        for line in lines[..<blank] {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.fields = fields
        rawBody = lines[min(blank + 1, lines.count)...].map { $0 + "\r\n" }.joined()
    }

    /// The raw value of the first field with this name.
    subscript(_ name: String) -> String? { fields.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// How many fields have this name.
    func count(_ name: String) -> Int { fields.filter { $0.name.lowercased() == name.lowercased() }.count }

    /// A field's value with its encoded-words decoded.
    func decoded(_ name: String) -> String? { self[name].map(Decode.encodedWords) }

    /// The decoded body text, `\n` line endings.
    var body: String { Decode.quotedPrintable(rawBody) }
}

/// Decoders for what the mailer encodes.
enum Decode {
    /// RFC 2047: replaces each `=?UTF-8?B|Q?…?=` with its text; whitespace between adjacent words disappears.
    static func encodedWords(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"=\?([^?]+)\?([BbQq])\?([^?]*)\?="#)
        var out = ""
        var cursor = text.startIndex
        var lastWasEncoded = false
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            let between = String(text[cursor..<range.lowerBound])
            if !(lastWasEncoded && between.allSatisfy(\.isWhitespace)) { out += between }
            let encoding = text[Range(match.range(at: 2), in: text)!].uppercased()
            let payload = String(text[Range(match.range(at: 3), in: text)!])
            let bytes: [UInt8] = encoding == "B" ? Array(Data(base64Encoded: payload) ?? Data()) : qBytes(payload)
            out += String(decoding: bytes, as: UTF8.self)
            cursor = range.upperBound
            lastWasEncoded = true
        }
        return out + text[cursor...]
    }

    /// RFC 2045 quoted-printable: soft breaks removed, `=XX` decoded, CRLF to `\n`.
    static func quotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        for line in text.components(separatedBy: "\r\n").dropLast() {
            var chars = Array(line.utf8)
            let soft = chars.last == UInt8(ascii: "=")
            if soft { chars.removeLast() }
            var index = 0
            while index < chars.count {
                if chars[index] == UInt8(ascii: "="), index + 2 < chars.count,
                   let value = UInt8(String(decoding: chars[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    index += 3
                } else {
                    bytes.append(chars[index])
                    index += 1
                }
            }
            if !soft { bytes.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func qBytes(_ payload: String) -> [UInt8] {
        quotedPrintable(payload.replacingOccurrences(of: "_", with: " ") + "=\r\n").utf8.map { $0 }
    }
}

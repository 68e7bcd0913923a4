import Foundation

/// RFC 2045 quoted-printable for a UTF-8 text body, written by hand so every rule is visible and tested.
enum QuotedPrintable {
    /// RFC 2045's limit on an encoded line, the `=` of a soft break included.
    static let lineLimit = 76

    /// The body encoded, lines ending in CRLF; `\n`, `\r\n` and a lone `\r` all count as line breaks.
    static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { encode(line: Array($0.utf8)) }.joined()
    }

    /// One line of text as one or more physical lines joined by soft breaks, ending in CRLF.
    private static func encode(line bytes: [UInt8]) -> String {
        var out = ""
        var current = ""
        var index = 0
        while index < bytes.count {
            let isLast = index == bytes.count - 1
            var token = unit(bytes[index], isLast: isLast)
            if current.isEmpty { token = atLineStart(token, bytes: bytes, at: index) }
            // Room for the `=` of a soft break, except after the line's last unit, which ends the line.
            let limit = isLast ? lineLimit : lineLimit - 1
            if !current.isEmpty, current.count + token.count > limit {
                out += current + "=\r\n"
                current = ""
                token = atLineStart(unit(bytes[index], isLast: isLast), bytes: bytes, at: index)
            }
            current += token
            index += 1
        }
        return out + current + "\r\n"
    }

    /// A byte as itself when it is safe, otherwise `=XX`; whitespace is safe only when something follows it.
    private static func unit(_ byte: UInt8, isLast: Bool) -> String {
        switch byte {
        case 33...60, 62...126: return String(UnicodeScalar(byte))
        case 9, 32: return isLast ? escaped(byte) : String(UnicodeScalar(byte))
        default: return escaped(byte)
        }
    }

    /// Encodes what some relays mangle at the start of a line: a `.` (SMTP dot-stuffing, `sendmail` without `-i`)
    /// and `From ` (mbox quoting into `>From `).
    private static func atLineStart(_ token: String, bytes: [UInt8], at index: Int) -> String {
        if token == "." { return escaped(bytes[index]) }
        if token == "F", bytes[index...].starts(with: Array("From ".utf8)) { return escaped(bytes[index]) }
        return token
    }

    private static let hex = Array("0123456789ABCDEF")

    private static func escaped(_ byte: UInt8) -> String {
        "=" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
    }
}

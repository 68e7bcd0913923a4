import Foundation

/// The character sets replies arrive in, and how each one's bytes become text.
enum Charset: Equatable, Sendable {
    case utf8
    case windows1258
    case latin1
    case ascii
    /// A label we do not know: the bytes are read as UTF-8 when they are valid UTF-8, else as Windows-1258.
    case unknown

    /// The charset a MIME label names; labels are case-insensitive and have common aliases.
    init(label: String?) {
        switch label?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "windows-1258", "cp1258", "x-cp1258", "cp-1258": self = .windows1258
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1": self = .latin1
        case "us-ascii", "ascii", "ansi_x3.4-1968": self = .ascii
        default: self = .unknown
        }
    }

    /// The bytes as text, never failing: a wrongly labelled body still yields something a person can read.
    /// The text is cut to the stream-safe format (`StreamSafe`), so no later step meets an endless run of marks.
    func decode(_ bytes: [UInt8]) -> String {
        StreamSafe.limited(plainDecode(bytes))
    }

    private func plainDecode(_ bytes: [UInt8]) -> String {
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .windows1258: return Windows1258.decode(bytes)
        case .latin1: return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .ascii, .unknown:
            // 8-bit bytes under an ASCII label mean the sender lied; in a Vietnamese office the likely truth
            // is UTF-8, and failing that the Windows code page.
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self) ?? Windows1258.decode(bytes)
        }
    }
}

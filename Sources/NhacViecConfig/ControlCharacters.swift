/// Which invisible control characters a configuration value may hold.
///
/// YAML refuses them written raw, but a double-quoted `"\0"`, `"\e"` or `"\x07"` puts them in a value, where they
/// would reach mail headers, Message-IDs, the journal and terminals. Only multi-line text keeps tabs and line breaks.
enum ControlCharacters {
    /// None at all: ids, names, titles, addresses, dates.
    case none
    /// Line breaks pass, for a caller that reports them in its own words (mail header text).
    case lineBreaks
    /// Line breaks pass, and so do tabs (a subject template).
    case tabsAndLineBreaks

    /// What may be written instead, for the message; line breaks in header text are reported separately.
    var permitted: String {
        switch self {
        case .none, .lineBreaks: return "only printable text is allowed here"
        case .tabsAndLineBreaks: return "only printable text, tabs and line breaks are allowed here"
        }
    }

    /// The first control character of the text that this policy does not allow, if any.
    func firstForbidden(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { Self.isControl($0) && !allows($0) }
    }

    /// `U+0000`, as the message names a character that cannot be shown.
    static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// C0, DEL and C1: the characters Unicode calls controls.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private func allows(_ scalar: Unicode.Scalar) -> Bool {
        let isLineBreak = scalar == "\n" || scalar == "\r" || scalar == "\u{85}"
        switch self {
        case .none: return false
        case .lineBreaks: return isLineBreak
        case .tabsAndLineBreaks: return isLineBreak || scalar == "\t"
        }
    }
}

/// Decodes configuration files, which must be UTF-8, pointing at the first bad byte of one that is not.
public enum UTF8Text {
    /// The text of the bytes, without a leading byte-order mark, or the place of the first invalid byte.
    public static func decode(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return text }
        throw firstError(in: body)
    }

    /// Walks the valid prefix counting lines and columns the way libyaml does: CR, LF, CRLF, NEL, LS and PS end a line.
    private static func firstError(in bytes: ArraySlice<UInt8>) -> TextDecodingError {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = bytes.startIndex, line = 1, column = 1, afterCR = false
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            offset += encoded.count
            let scalar = Unicode.UTF8.decode(encoded)
            switch scalar {
            case "\n" where afterCR: column = 1
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": line += 1; column = 1
            default: column += 1
            }
            afterCR = scalar == "\r"
        }
        let byte = offset < bytes.endIndex ? bytes[offset] : 0
        return TextDecodingError(code: .invalidUTF8, byte: byte, line: line, column: column)
    }
}

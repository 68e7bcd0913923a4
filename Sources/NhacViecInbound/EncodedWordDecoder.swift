/// RFC 2047 encoded-words in header text, B and Q, in any charset `Charset` knows.
enum EncodedWordDecoder {
    /// One `=?charset?B|Q?text?=` found in a header: its charset and decoded bytes.
    private struct Word {
        let charset: Charset
        let bytes: [UInt8]
    }

    /// The header text with every well-formed encoded-word decoded; malformed ones stay as written.
    ///
    /// Whitespace between adjacent encoded-words is dropped, as RFC 2047 says. Adjacent words in one charset
    /// are decoded together, because some clients split a UTF-8 character across two words.
    static func decode(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var pending: [Word] = []
        var gap = ""
        var index = 0
        func flush() {
            out += decode(pending)
            pending = []
        }
        while index < scalars.count {
            if let (word, end) = word(in: scalars, at: index) {
                gap = ""
                if let last = pending.last, last.charset != word.charset { flush() }
                pending.append(word)
                index = end
                continue
            }
            if !pending.isEmpty, scalars[index] == " " || scalars[index] == "\t" {
                gap.unicodeScalars.append(scalars[index])
                index += 1
                continue
            }
            flush()
            out += gap
            gap = ""
            out.unicodeScalars.append(scalars[index])
            index += 1
        }
        flush()
        return out + gap
    }

    private static func decode(_ words: [Word]) -> String {
        guard let charset = words.first?.charset else { return "" }
        return charset.decode(words.flatMap(\.bytes))
    }

    /// The encoded-word starting at `start`, and the index just past it.
    private static func word(in scalars: [Unicode.Scalar], at start: Int) -> (Word, Int)? {
        guard start + 1 < scalars.count, scalars[start] == "=", scalars[start + 1] == "?" else { return nil }
        var parts: [String] = []
        var current = ""
        var index = start + 2
        while index < scalars.count, index - start <= 400 {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" { return nil }
            if scalar == "?" {
                if parts.count == 2, index + 1 < scalars.count, scalars[index + 1] == "=" {
                    return make(charset: parts[0], encoding: parts[1], text: current).map { ($0, index + 2) }
                }
                guard parts.count < 2 else { return nil }
                parts.append(current)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return nil
    }

    private static func make(charset label: String, encoding: String, text: String) -> Word? {
        // RFC 2231 lets a language follow the charset: `utf-8*vi`.
        let charset = Charset(label: String(label.split(separator: "*").first ?? ""))
        let bytes = Array(text.utf8)
        switch encoding.lowercased() {
        case "b":
            // Unlike a body, a B word is short and must be pure base64; anything else is text that looks like one.
            guard bytes.allSatisfy({ base64Alphabet.contains($0) }) else { return nil }
            return Word(charset: charset, bytes: TransferDecoding.base64(bytes))
        case "q": return Word(charset: charset, bytes: qDecode(bytes))
        default: return nil
        }
    }

    private static let base64Alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)

    /// RFC 2047's Q encoding: quoted-printable where `_` stands for a space.
    private static func qDecode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                out.append(32)
            } else if byte == UInt8(ascii: "="), index + 2 < bytes.count,
                      let high = TransferDecoding.hexValue(bytes[index + 1]),
                      let low = TransferDecoding.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }
}

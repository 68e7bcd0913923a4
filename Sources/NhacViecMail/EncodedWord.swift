import Foundation

/// RFC 2047 encoded-words, the only way to put Vietnamese text in a header.
enum EncodedWord {
    /// The longest encoded-word emitted. RFC 2047 allows 75; 66 leaves room for the longest header name a word
    /// follows (`Reply-To: `), so even a field's first word keeps its line within 78 characters.
    static let maximumLength = 66

    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="
    /// Whole base64 quanta only, so no word ends in the middle of a 3-byte group.
    private static let maximumPayload = (maximumLength - prefix.count - suffix.count) / 4 * 3

    /// The text as B-encoded words, each holding whole characters: RFC 2047 forbids splitting one across words.
    static func encode(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func append(_ bytes: [UInt8]) {
            if !chunk.isEmpty, chunk.count + bytes.count > maximumPayload {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= maximumPayload {
                append(bytes)
            } else {
                // A grapheme longer than a word (a long emoji sequence) must be split somewhere; scalars are whole.
                for scalar in character.unicodeScalars { append(Array(String(scalar).utf8)) }
            }
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words
    }

    /// An unstructured value (a subject) as words: as written when it is printable ASCII, encoded otherwise.
    static func unstructured(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        let printable = text.allSatisfy { $0.isASCII && $0.asciiValue.map { $0 >= 32 && $0 < 127 } == true }
        // `=?` in plain text would be decoded as an encoded-word by the reader; a long word could not be folded.
        if printable, !text.contains("=?"), words.allSatisfy({ $0.count <= maximumLength }) { return words }
        return encode(text)
    }

    /// A display name as header words: plain atoms when it is plain ASCII, encoded-words otherwise.
    static func phrase(_ name: String) -> [String] {
        let atoms = name.split(separator: " ").map(String.init)
        if !atoms.isEmpty, atoms.allSatisfy({ $0.allSatisfy(isAtomText) && !$0.hasPrefix("=?") }) { return atoms }
        return encode(name)
    }

    /// Whether a character may stand in an RFC 5322 atom without quoting.
    private static func isAtomText(_ character: Character) -> Bool {
        guard character.isASCII, let value = character.asciiValue, value > 32, value < 127 else { return false }
        return !"()<>[]:;@\\,.\"".contains(character)
    }

    private static func word(_ bytes: [UInt8]) -> String {
        prefix + Data(bytes).base64EncodedString() + suffix
    }
}


import Foundation

/// RFC 2047 encoded-words, the only way to put Vietnamese text in a header.
enum EncodedWord {
    /// RFC 2047's limit on one encoded-word; a continuation line (` ` + word) then stays within 78 characters.
    static let maximumLength = 75

    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// The text as B-encoded words, each holding whole characters: RFC 2047 forbids splitting one across words.
    ///
    /// `firstLength` limits the first word, so that it can share the field's first line with the field name.
    static func encode(_ text: String, firstLength: Int = maximumLength) -> [String] {
        // Whole base64 quanta only, so no word ends in the middle of a 3-byte group.
        func payload(_ length: Int) -> Int { max(3, (length - prefix.count - suffix.count) / 4 * 3) }
        var words: [String] = []
        var chunk: [UInt8] = []
        func append(_ bytes: [UInt8]) {
            if !chunk.isEmpty, chunk.count + bytes.count > payload(words.isEmpty ? firstLength : maximumLength) {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= payload(maximumLength) {
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
    static func unstructured(_ text: String, firstLength: Int = maximumLength) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        let printable = text.allSatisfy { $0.isASCII && $0.asciiValue.map { $0 >= 32 && $0 < 127 } == true }
        // `=?` in plain text would be decoded as an encoded-word by the reader; a long word could not be folded.
        if printable, !text.contains("=?"), words.allSatisfy({ $0.utf8.count <= maximumLength }) { return words }
        return encode(text, firstLength: firstLength)
    }

    /// A display name as header words: plain ASCII words as atoms, each run of other words (and of atoms too long
    /// for a line) as encoded-words.
    ///
    /// Keeping plain words between runs means two encoded-words are adjacent only when a run is too long for
    /// one. That matters because RFC 2047 says the space between adjacent encoded-words is dropped, which most
    /// clients do, but Python's `email` before 3.14 keeps it in display names (CPython gh-128110), so one or
    /// the other would see a doubled or missing space in such a name.
    static func phrase(_ name: String) -> [String] {
        var words: [String] = []
        var run: [Substring] = []
        func flush() {
            if !run.isEmpty { words += encode(run.joined(separator: " ")) }
            run = []
        }
        for word in name.split(separator: " ") {
            // An atom longer than a line cannot be folded; as encoded-words it can, at any character.
            if word.utf8.count <= maximumLength, word.allSatisfy(isAtomText), !word.hasPrefix("=?") {
                flush()
                words.append(String(word))
            } else {
                run.append(word)
            }
        }
        flush()
        return words
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


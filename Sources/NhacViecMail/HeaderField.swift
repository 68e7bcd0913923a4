/// One header field as unbreakable words, folded between them so no line exceeds 78 characters.
struct HeaderField {
    /// RFC 5322's recommended line limit in octets, which every line of our messages keeps.
    static let lineLimit = 78

    /// The field name, e.g. `Subject`.
    let name: String
    /// Pieces that must not be split; folding happens only between them.
    let words: [String]

    /// A field of words, which are cleaned of anything that could end the header early.
    init(_ name: String, words: [String]) {
        self.name = name
        self.words = words.map(HeaderText.clean).filter { !$0.isEmpty }
    }

    /// A field whose value is one or more space-separated words.
    init(_ name: String, _ value: String) {
        self.init(name, words: HeaderText.clean(value).split(separator: " ").map(String.init))
    }

    /// The field's physical lines, without line endings.
    ///
    /// A fold may come straight after the colon when the first word does not fit beside the name: RFC 5322 allows
    /// folding white space there in every field we write.
    var lines: [String] {
        var lines: [String] = []
        var line = name + ":"
        for word in words {
            // Counted in octets, the unit of RFC 5322's limits. Text is encoded into words that fit; only a
            // structured word that cannot be split (a 90-character Message-ID) still goes on a line of its own.
            if line.utf8.count + 1 + word.utf8.count > Self.lineLimit {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines
    }
}

/// Defences for text that goes into a header.
enum HeaderText {
    /// The text with CR, LF and other control characters turned into spaces and runs of spaces collapsed.
    ///
    /// The configuration loader already rejects line breaks; this is the last line of defence against a
    /// value that would end the header early and inject fields of its own.
    static func clean(_ text: String) -> String {
        let spaced = String(text.unicodeScalars.map { scalar -> Character in
            scalar.value < 32 || scalar.value == 127 || scalar == "\u{2028}" || scalar == "\u{2029}"
                || scalar == "\u{85}" ? " " : Character(scalar)
        })
        return spaced.split(separator: " ").joined(separator: " ")
    }
}

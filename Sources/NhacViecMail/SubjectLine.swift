/// The length rule of every subject nhacviec writes: at most `limit` characters, cut at a word with "…" when longer.
///
/// Length is counted in Unicode scalars, as Python's `len` and most mail clients count it, so a name typed with
/// combining marks cannot slip past; a cut always falls between whole characters (grapheme clusters).
enum SubjectLine {
    /// The longest subject, in Unicode scalars.
    static let limit = 150

    /// How long a text is, by the rule's measure.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// A subject made by `make` from a title: when the whole would be too long, the title is shortened first (cut at
    /// a word, "…"), so that the tag, the departments and the deadline around it survive; the whole is then cut
    /// too if it is still too long (a template that repeats the title, or a very long text around it).
    static func fitted<Failure: Error>(title: String,
                                       _ make: (String) throws(Failure) -> String) throws(Failure) -> String {
        let whole = try make(title)
        let excess = length(whole) - limit
        guard excess > 0 else { return whole }
        // Below a few characters a cut title says nothing; the whole is then cut at its end instead.
        let room = length(title) - excess
        let shorter = room >= 8 ? try make(clipped(title, to: room)) : whole
        return clipped(shorter)
    }

    /// The text itself when it fits in `limit`, else its longest beginning that ends at a word and leaves no
    /// parenthesis or quotation open or a separator dangling, followed by "…". A text with no space to cut at
    /// (one very long word) is cut between characters.
    static func clipped(_ text: String, to limit: Int = limit) -> String {
        guard length(text) > limit, limit > 1 else { return length(text) > limit ? "…" : text }
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let size = text[index].unicodeScalars.count
            if used + size > limit - 1 { break }
            used += size
            end = text.index(after: index)
        }
        let cut = text[..<end]
        var kept = cut
        // A cut before a space or a punctuation mark ends a word; one inside a word goes back to the last space.
        if end < text.endIndex, !text[end].isWhitespace, !text[end].isPunctuation,
           let space = cut.lastIndex(where: \.isWhitespace) {
            kept = cut[..<space]
        }
        kept = closed(kept)
        if kept.isEmpty { kept = cut }
        return String(kept) + "…"
    }

    /// The text without a trailing separator and without an opening bracket or quotation mark that it does not close.
    private static func closed(_ text: Substring) -> Substring {
        var text = trimmed(text)
        while true {
            var open: [String.Index] = []
            var quote: String.Index?
            for index in text.indices {
                switch text[index] {
                case "(", "[", "“": open.append(index)
                case ")", "]", "”": _ = open.popLast()
                case "\"": quote = quote == nil ? index : nil
                default: break
                }
            }
            guard let cut = [open.first, quote].compactMap({ $0 }).min() else { return text }
            text = trimmed(text[..<cut])
        }
    }

    /// Drops trailing spaces and punctuation that would dangle before "…": `–`, `-`, `,`, `;`, `:`, `/`.
    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let last = text.last, last.isWhitespace || "–-,;:/".contains(last) { text = text.dropLast() }
        return text
    }
}

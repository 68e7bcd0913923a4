import NhacViecCore

/// A word or a few words of Vietnamese, written with their diacritics, looked for among a line's words.
///
/// A line typed with diacritics is matched letter for letter: there "con" is the word con (con dấu, a stamp),
/// not "còn" (still) typed without marks. A line typed without any is matched on folded words, since its writer
/// had no way to write the marks.
struct Term: Sendable, ExpressibleByStringLiteral {
    let lowered: [String]
    let folded: [String]
    /// Whether the term is only recognised with its diacritics, because without them it is another common word
    /// or name: "hả" would be Hà, "dở" the word do (because), "hoãn" the hoàn of "hoàn thành".
    let needsMarks: Bool

    /// The term from its words as written, separated by spaces.
    init(stringLiteral text: String) {
        self.init(text, needsMarks: false)
    }

    /// The term from its words as written, recognised only with its diacritics when `needsMarks`.
    init(_ text: String, needsMarks: Bool) {
        lowered = text.split(separator: " ").map { $0.lowercased() }
        folded = lowered.map { VietnameseFolding.fold($0) }
        self.needsMarks = needsMarks
    }

    /// How many words the term has.
    var count: Int { lowered.count }

    /// Whether the words from `start` are this term, in a line typed with diacritics (`withMarks`) or without.
    func matches(_ words: [Word], at start: Int, withMarks: Bool) -> Bool {
        guard start >= 0, start + count <= words.count else { return false }
        if withMarks { return zip(lowered, words[start...]).allSatisfy { $0 == $1.lowered } }
        return !needsMarks && matchesFolded(words, at: start)
    }

    /// Whether the words from `start` are this term once both are folded, whatever the line's marks.
    func matchesFolded(_ words: [Word], at start: Int) -> Bool {
        guard start >= 0, start + count <= words.count else { return false }
        return zip(folded, words[start...]).allSatisfy { $0 == $1.folded }
    }
}

extension Array where Element == Term {
    /// The first of these terms found at `start`, longest first when listed so.
    func first(in words: [Word], at start: Int, withMarks: Bool) -> Term? {
        first { $0.matches(words, at: start, withMarks: withMarks) }
    }
}

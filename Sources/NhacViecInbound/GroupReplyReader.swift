import NhacViecCore

/// Reads which items of a grouped mail a reply reports done: "Đã trả lời kiến nghị số 3 và 5 tại văn bản số 45/UBND-KT"
/// names two, "Đã hoàn thành tất cả" every one. A reply that names nothing clear is never guessed: it is forwarded.
public enum GroupReplyReader {
    /// What a reply to a grouped mail says.
    public enum Reading: Equatable, Sendable {
        /// The numbers (as the mail shows them) reported done, with the note, document number and date of the reply.
        case completion(numbers: [Int], note: String?, ref: String?, date: LocalDate?)
        /// A completion that does not say which items, or names a number the mail did not list.
        case unclear(firstLine: String)
        /// Anything else: a question, a refusal.
        case other(firstLine: String)
        /// No text of its own.
        case empty
    }

    /// Words that mean every item of the mail.
    static let everything: [[String]] = [["tat", "ca"], ["toan", "bo"], ["ca", "hai"], ["ca", "ba"], ["het"]]
    /// Words after which numbers name items: "kiến nghị số 3", "mục 2", "nhiệm vụ 1".
    static let markers: [[String]] = [["kien", "nghi", "so"], ["kien", "nghi"], ["kn"], ["muc"], ["nhiem", "vu", "so"],
                                      ["nhiem", "vu"], ["viec", "so"], ["so"]]

    /// The reading of `body` against the numbers the mail listed.
    public static func read(_ body: String, listed: [Int]) -> Reading {
        switch ReplyReader.read(body) {
        case .empty: return .empty
        case .other(let line): return .other(firstLine: line)
        case .completion(let note, let ref, let date):
            let line = ReplyReader.firstLine(of: body.precomposedNFC) ?? ""
            let split = Word.split(line)
            if containsAny(everything, in: split.map(\.folded)) {
                return .completion(numbers: listed, note: note, ref: ref, date: date)
            }
            let named = numbers(in: line, words: split)
            guard !named.isEmpty, named.allSatisfy(listed.contains) else { return .unclear(firstLine: line) }
            return .completion(numbers: named, note: note, ref: ref, date: date)
        }
    }

    /// The numbers that follow a marker word, as a list ("3, 5 và 7"); a number glued to a slash, hyphen or dot is a
    /// document's (45/UBND-KT) or a date's (20/12/2025), not an item.
    static func numbers(in line: String, words: [Word]) -> [Int] {
        let folded = words.map(\.folded)
        var found: [Int] = []
        var index = 0
        while index < words.count {
            guard let marker = markers.first(where: { matches($0, folded, at: index) }) else { index += 1; continue }
            index += marker.count
            while index < words.count, let number = Int(folded[index]), number > 0, number < 10_000,
                  !isGlued(words[index], in: line) {
                found.append(number)
                index += 1
                if index < words.count, ["va", "con"].contains(folded[index]) { index += 1 }
            }
        }
        return Array(Set(found)).sorted()
    }

    private static func isGlued(_ word: Word, in line: String) -> Bool {
        let before = word.range.lowerBound > line.startIndex ? line[line.index(before: word.range.lowerBound)] : " "
        let after = word.range.upperBound < line.endIndex ? line[word.range.upperBound] : " "
        return "/-.".contains(before) || "/-.".contains(after)
    }

    private static func containsAny(_ phrases: [[String]], in words: [String]) -> Bool {
        words.indices.contains { index in phrases.contains { matches($0, words, at: index) } }
    }

    private static func matches(_ phrase: [String], _ words: [String], at start: Int) -> Bool {
        start + phrase.count <= words.count && zip(phrase, words[start...]).allSatisfy { $0 == $1 }
    }
}

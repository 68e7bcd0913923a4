/// The phrases that report a task done, matched at the start of a line on folded words.
enum CompletionPhrase {
    /// "Đã hoàn thành", "Hoàn thành", "Đã xong", "Xong", "Đã trả lời", folded; longest first.
    private static let phrases: [[String]] = [
        ["da", "hoan", "thanh"], ["da", "tra", "loi"], ["hoan", "thanh"], ["da", "xong"], ["xong"],
    ]
    /// Polite openers that may precede the phrase: "Dạ, đã xong", "Vâng, hoàn thành rồi".
    private static let openers: Set<String> = ["da", "vang", "ok", "oke", "okay"]
    /// Words right after the phrase that turn it into a question or a partial report ("Xong chưa?").
    private static let undoing: Set<String> = ["chua", "khong", "ko", "hay", "sao", "mot", "duoc", "nhieu"]

    /// Whether the line reports completion, and if so the text after the phrase.
    static func match(_ line: String) -> (matched: Bool, rest: Substring) {
        let words = Word.split(line)
        for start in [0, 1] where start == 0 || words.first.map({ openers.contains($0.folded) }) == true {
            for phrase in phrases where matches(phrase, words, at: start) {
                let end = words[start + phrase.count - 1].range.upperBound
                let rest = line[end...]
                return (!isUndone(rest, next: words.dropFirst(start + phrase.count).first), rest)
            }
        }
        return (false, line[line.endIndex...])
    }

    private static func matches(_ phrase: [String], _ words: [Word], at start: Int) -> Bool {
        start + phrase.count <= words.count && zip(phrase, words[start...]).allSatisfy { $0 == $1.folded }
    }

    /// A question mark right after the phrase, an undoing word, or a percentage ("hoàn thành 80%").
    private static func isUndone(_ rest: Substring, next: Word?) -> Bool {
        let gap = next.map { rest[..<$0.range.lowerBound] } ?? rest
        if gap.contains("?") { return true }
        guard let next else { return false }
        if undoing.contains(next.folded) { return true }
        return next.folded.first?.isNumber == true && rest[next.range.upperBound...].hasPrefix("%")
    }
}

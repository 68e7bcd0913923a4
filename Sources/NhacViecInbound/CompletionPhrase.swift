import NhacViecCore

/// The phrases that report a task done, at the start of a line after polite openers, followed by what
/// `PhraseTail` allows.
enum CompletionPhrase {
    /// "Đã hoàn thành", "Hoàn thành", "Đã xong", "Xong", "Đã trả lời" and their kin; matched on folded words,
    /// longest first, since the phrase is what every reply opens with, typed in every way.
    private static let phrases: [Term] = [
        "đã thực hiện xong", "thực hiện xong", "đã hoàn thành", "đã hoàn tất", "đã trả lời", "đã làm xong",
        "hoàn thành", "hoàn tất", "làm xong", "đã xong", "xong",
    ]
    /// Words that may come before the phrase: "Dạ, đã xong", "Vâng, hoàn thành rồi", "Em đã hoàn thành ạ",
    /// "Bên em xong rồi", "Chào anh, đã xong", "Báo cáo anh, đơn vị đã hoàn thành".
    private static let openers: [Term] = [
        "dạ", "vâng", "ạ", "ok", "oke", "okay", "ừ", "em", "tôi", "chúng", "bên", "đơn", "vị", "thưa", "chào", "anh",
        "chị", "ơi", "báo", "cáo", "xin", "kính", "gửi",
    ]
    /// How many openers may precede the phrase: "Báo cáo anh, đơn vị em đã hoàn thành" has six.
    private static let maximumOpeners = 6

    /// The text after the phrase when the line reports completion, or nil.
    static func match(_ line: String) -> Substring? {
        let words = Word.split(line)
        let withMarks = VietnameseFolding.hasMarks(line)
        for start in 0...min(maximumOpeners, words.count) {
            if start > 0, openers.first(in: words, at: start - 1, withMarks: withMarks) == nil { return nil }
            guard let phrase = phrases.first(where: { $0.matchesFolded(words, at: start) }) else { continue }
            let next = start + phrase.count
            let end = words[next - 1].range.upperBound
            guard PhraseTail.allows(line, words: words, from: next, after: end, withMarks: withMarks) else {
                return nil
            }
            return line[end...]
        }
        return nil
    }
}

/// A line that only greets or addresses ("Kính gửi: Văn phòng UBND phường", "Chào anh,", "Dear all,"), above
/// the line that answers.
enum Greeting {
    private static let formal: [Term] = ["kính gửi", "kính thưa", "kính chào", "xin chào"]
    private static let informal: [Term] = ["chào", "thưa", "dear", "hi", "hello"]

    /// Whether the line is a greeting and nothing else.
    static func isGreeting(_ line: String) -> Bool {
        let words = Word.split(line)
        if formal.first(where: { $0.matchesFolded(words, at: 0) }) != nil { return true }
        // "Chào anh," or "Thưa chị Lan:", short and ending as an address does; "Chào anh, đã xong" answers.
        guard informal.first(where: { $0.matchesFolded(words, at: 0) }) != nil, words.count <= 5,
              let last = line.last else { return false }
        return last == "," || last == ":" || last == "!" || words.count <= 3
    }
}

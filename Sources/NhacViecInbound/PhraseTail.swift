/// What may follow a completion phrase for the line to stand as a report of completion.
///
/// Right after the phrase come only particles ("ạ", "rồi", "nhé", "anh"…) and qualifiers ("đúng hạn", "đầy đủ"),
/// then the end of the line, punctuation, a word that opens a document reference or names the task ("văn bản",
/// "số", "tại", "ngày", "nhiệm vụ"…), or a document number. Anything else makes the phrase part of another
/// sentence: "Xong đợt tập huấn, tôi sẽ trả lời…" (an out-of-office notice), "Hoàn thành phần lớn",
/// "Xong thì gửi cho ai", "Hoàn thành 80%".
enum PhraseTail {
    /// Words of address and mood that change nothing: "Xong rồi ạ", "Đã hoàn thành anh nhé".
    static let particles: [Term] = [
        "ạ", "à", "a", "ạh", "nhé", "nhe", "nha", "nhá", "nhen", "hen", "rồi", "r", "rùi", "òi", "luôn", "hết", "cả",
        "xong", "ok", "oke", "anh", "chị", "em", "thầy", "cô", "chú", "bác", "sếp", "ad", "admin", "đồng chí", "đ c",
    ]
    /// What the report may say of the completion: "đúng hạn", "đầy đủ", "theo yêu cầu".
    static let qualifiers: [Term] = [
        "đúng hạn", "trước thời hạn", "trước hạn", "đầy đủ", "toàn bộ", "tất cả", "tốt", "theo yêu cầu",
        "theo kế hoạch", "theo quy định",
    ]
    /// Words after which the rest is the report's own note: the task ("nhiệm vụ được giao", "phần việc", and in a
    /// reply to a grouped mail the items it names: "kiến nghị số 3 và 5", "mục 2", "các kiến nghị") or where and when
    /// it was done ("tại văn bản số…", "ngày 20/12", "qua hệ thống"). Not "việc" alone: "Xong việc ở xã sẽ làm ngay"
    /// is a promise.
    static let openings: [Term] = [
        "nhiệm vụ", "phần việc", "nội dung", "kiến nghị", "mục", "các", "văn bản", "công văn", "số", "tại", "theo",
        "bằng", "qua", "ngày", "hôm", "lúc", "vào", "từ", "và", "kèm",
    ]

    /// Whether the words from `index` (the phrase ended at `end`) let the line report completion.
    static func allows(_ line: String, words: [Word], from index: Int, after end: String.Index,
                       withMarks: Bool) -> Bool {
        var index = index
        var position = end
        while true {
            let next = index < words.count ? words[index].range.lowerBound : line.endIndex
            // Punctuation or a symbol closes the phrase: "Xong.", "Đã hoàn thành, văn bản số…", "Xong - đã gửi".
            if line[position..<next].unicodeScalars.contains(where: { !$0.properties.isWhitespace }) { return true }
            guard index < words.count else { return true }
            if let term = particles.first(in: words, at: index, withMarks: withMarks)
                ?? qualifiers.first(in: words, at: index, withMarks: withMarks) {
                index += term.count
                position = words[index - 1].range.upperBound
                continue
            }
            if openings.first(in: words, at: index, withMarks: withMarks) != nil { return true }
            let word = words[index]
            // A document number ("Xong 45/UBND-VP"), or all of it ("hoàn thành 100%").
            if word.isNumber, line[word.range.upperBound...].hasPrefix("/") { return true }
            if word.folded == "100", line[word.range.upperBound...].hasPrefix("%") {
                index += 1
                position = line.index(after: word.range.upperBound)
                continue
            }
            return false
        }
    }
}

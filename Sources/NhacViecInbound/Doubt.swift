import NhacViecCore

/// What in a reply's own text makes it something other than a plain report of completion. A false "done"
/// silences a reminder that is still needed, a false forward costs an admin one read: so any of these, anywhere
/// in the own text, sends the reply to people.
enum Doubt: Equatable, Sendable {
    /// A question: a `?`, or a question word ("nào", "ai", "bao giờ", "khi nào", "gì", "đâu"…).
    case question
    /// A denial: "chưa …", "không …", "chẳng", "chả", or a colloquial "… đâu".
    case denial
    /// Partial progress or work still going on: "phần lớn", "một phần", "còn …", "đang", "gần xong", "80%".
    case partial
    /// A condition: "nếu", "thì", "khi" ("Xong thì gửi cho ai", "Khi nào xong").
    case condition

    private static let questions: [Term] = [
        "nào", "ai", "gì", "đâu", "nhỉ", "chăng", "bao giờ", "bao lâu", "bao nhiêu", "tại sao", "vì sao", "ra sao",
        "có phải", "hỏi", Term("hả", needsMarks: true), Term("hở", needsMarks: true),
    ]
    private static let denials: [Term] = ["chẳng", Term("chả", needsMarks: true)]
    /// "không" is a denial or a question, except before "có": "không có vướng mắc" reports nothing missing.
    private static let no: [Term] = ["không", "ko", "hông", "hok", "khg"]
    private static let have: Term = "có"
    /// "chưa" is a denial or a question, except about the answer's number, which comes when it is registered:
    /// "Chưa có số văn bản, sẽ gửi sau" still reports the work done.
    private static let notYet: Term = "chưa"
    private static let notYetAllowed: [Term] = ["có số", "vào số", "lấy số", "cấp số"]
    private static let partials: [Term] = {
        var terms: [Term] = [
            "phần lớn", "một phần", "bước đầu", "đang", "còn", "nốt", "gia hạn", "lùi", Term("dở", needsMarks: true),
            Term("hoãn", needsMarks: true),
        ]
        // Words that mean "nearly", "for now" or "basically" only next to a completion word; alone, without marks,
        // they are names (Tâm) or other words (cơ bản and "có bản giấy").
        for before in ["gần", "sắp", "tạm", "cơ bản"] {
            for done in ["xong", "hoàn thành", "hoàn tất"] { terms.append(Term(stringLiteral: before + " " + done)) }
        }
        return terms
    }()
    /// Without marks "thì" is Thị, in nearly every woman's name of a signature: there a condition shows in the
    /// phrase's tail ("Xong thi…") or in "nếu" and "khi".
    private static let conditions: [Term] = [
        "nếu", "khi", "miễn là", Term("thì", needsMarks: true), Term("hễ", needsMarks: true),
    ]

    /// The first doubt in the lines, or nil when they read as a plain report.
    static func find(in lines: [String]) -> Doubt? {
        for line in lines {
            if let doubt = find(in: line) { return doubt }
        }
        return nil
    }

    /// The first doubt in one line, reading it with or without diacritics as it was typed.
    static func find(in line: String) -> Doubt? {
        if line.contains("?") || line.contains("？") { return .question }
        let words = Word.split(line)
        let withMarks = VietnameseFolding.hasMarks(line)
        for index in words.indices {
            if questions.first(in: words, at: index, withMarks: withMarks) != nil { return .question }
            if denials.first(in: words, at: index, withMarks: withMarks) != nil { return .denial }
            if no.first(in: words, at: index, withMarks: withMarks) != nil,
               !have.matches(words, at: index + 1, withMarks: withMarks) {
                return .denial
            }
            if notYet.matches(words, at: index, withMarks: withMarks),
               notYetAllowed.first(in: words, at: index + 1, withMarks: withMarks) == nil {
                return .denial
            }
            if partials.first(in: words, at: index, withMarks: withMarks) != nil { return .partial }
            if conditions.first(in: words, at: index, withMarks: withMarks) != nil { return .condition }
            if isPercentage(words[index], in: line) { return .partial }
        }
        return nil
    }

    /// A share other than all of it: "80%", "hoàn thành 95 %"; "100%" is the whole.
    private static func isPercentage(_ word: Word, in line: String) -> Bool {
        guard word.isNumber, word.folded != "100" else { return false }
        return line[word.range.upperBound...].drop { $0 == " " }.hasPrefix("%")
    }
}

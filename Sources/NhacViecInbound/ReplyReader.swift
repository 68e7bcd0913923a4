import NhacViecCore

/// Reads what a department answered to a reminder, from the reply's own text only (never the quoted reminder).
///
/// The rule (docs/operations.md, "What counts as done"): the first own line, after any greeting, opens with a
/// completion phrase ("Đã hoàn thành", "Xong", "Đã trả lời"…, after polite openers such as "Dạ" or "Em"), the
/// phrase is followed only by what `PhraseTail` allows, and nothing in the own text is a `Doubt`: no question,
/// denial, partial progress or condition. Anything else is forwarded to people.
public enum ReplyReader {
    /// The reply's first own line: neither empty nor quoted (`>`), outside the attribution, forwarded header,
    /// signature, closing and footer; nil when the reply has none.
    public static func firstLine(of body: String) -> String? {
        OwnText(body).lines.first
    }

    /// What the reply says: a completion report (with its note, document number and date), something else, or
    /// nothing.
    public static func read(_ body: String) -> ReplyReading {
        let own = OwnText(body)
        guard !own.lines.isEmpty else { return .empty }
        var index = own.lines.startIndex
        while index + 1 < own.lines.count, Greeting.isGreeting(own.lines[index]) { index += 1 }
        let line = own.lines[index]
        guard !own.isLong, let rest = CompletionPhrase.match(line), Doubt.find(in: own.lines) == nil else {
            return .other(firstLine: line)
        }
        // The number may stand on the answering line or on a later own line ("Văn bản số 45/UBND-VP.").
        let reference = own.lines[index...].lazy.compactMap { DocumentNumber.reference(in: $0) }.first
        return .completion(note: note(from: rest), ref: reference?.number, date: reference?.date)
    }

    /// The text after the phrase without the separating punctuation and the particles ("ạ", "rồi", "anh"…).
    private static func note(from rest: Substring) -> String? {
        let withMarks = VietnameseFolding.hasMarks(rest)
        var text = rest
        while true {
            text = text.drop { $0.isWhitespace || ",.;:-–—!…".contains($0) }
            let head = String(text.prefix { $0.isLetter })
            guard !head.isEmpty, PhraseTail.particles.contains(where: {
                $0.count == 1 && $0.matches(Word.split(head), at: 0, withMarks: withMarks)
            }) else { break }
            text = text.dropFirst(head.count)
        }
        let note = text.trimmingWhitespace()
        return note.isEmpty ? nil : note
    }
}

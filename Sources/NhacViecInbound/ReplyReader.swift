/// Reads what a department answered to a reminder: the reply's first own line, classified.
public enum ReplyReader {
    /// The reply's first line that is neither empty nor quoted (`>`), before any attribution, forwarded
    /// header, signature or footer; nil when the reply has none.
    public static func firstLine(of body: String) -> String? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        for index in lines.indices {
            if QuoteBoundary.starts(at: index, in: lines) { return nil }
            let line = lines[index].trimmingWhitespace()
            if line.isEmpty || line.hasPrefix(">") { continue }
            return line
        }
        return nil
    }

    /// What the reply says: a completion report (with its note, document number and date), something else, or nothing.
    ///
    /// Only a line that starts with a completion phrase counts, so "Chưa xong", "Không hoàn thành" and
    /// "Sẽ hoàn thành" never do; nor does the phrase followed by a question ("Xong chưa?").
    public static func read(_ body: String) -> ReplyReading {
        guard let line = firstLine(of: body.precomposedNFC) else { return .empty }
        let match = CompletionPhrase.match(line)
        guard match.matched else { return .other(firstLine: line) }
        let reference = DocumentNumber.reference(in: line)
        return .completion(note: note(from: match.rest), ref: reference?.number, date: reference?.date)
    }

    /// The text after the phrase without the separating punctuation and the particles "ạ" and "rồi".
    private static func note(from rest: Substring) -> String? {
        var text = rest
        while true {
            text = text.drop { $0.isWhitespace || ",.;:-–—!…".contains($0) }
            guard let particle = ["rồi", "ạ"].first(where: { text.lowercased().hasPrefix($0) }),
                  text.dropFirst(particle.count).first.map({ !$0.isLetter }) ?? true else { break }
            text = text.dropFirst(particle.count)
        }
        let note = text.trimmingWhitespace()
        return note.isEmpty ? nil : note
    }
}

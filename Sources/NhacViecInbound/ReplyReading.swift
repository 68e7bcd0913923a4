import NhacViecCore

/// What a reply to a reminder says, read from its own text.
public enum ReplyReading: Equatable, Sendable {
    /// The department reports the task done: `note` is the rest of the answering line, `ref` a document number
    /// in the own text, `date` the document's date when "ngày dd/mm/yyyy" follows that number.
    case completion(note: String?, ref: String?, date: LocalDate?)
    /// Anything else the reply says: a question, a refusal, a request for more time; the line it was read from.
    case other(firstLine: String)
    /// The reply has no text of its own, only quotes, a signature or a footer.
    case empty
}

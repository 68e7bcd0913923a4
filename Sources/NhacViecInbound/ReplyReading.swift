/// What a reply to a reminder says, read from its first own line.
public enum ReplyReading: Equatable, Sendable {
    /// The department reports the task done; `note` is the rest of the line, `ref` a document number on it.
    case completion(note: String?, ref: String?)
    /// Anything else the reply starts with: a question, a refusal, a request for more time.
    case other(firstLine: String)
    /// The reply has no text of its own, only quotes, a signature or a footer.
    case empty
}

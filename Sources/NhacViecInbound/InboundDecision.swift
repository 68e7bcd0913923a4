import NhacViecCore

/// What to do with one message that reached `nhacviec inbound`. Nothing is dropped: what is not a
/// completion goes to people.
public enum InboundDecision: Equatable, Sendable {
    /// A department replied that its part is done: record it, acknowledge it. `date` is the answering document's
    /// date when the reply gives one.
    case complete(ReplyTarget, by: String, note: String?, ref: String?, date: LocalDate?)
    /// A person wrote something else (a question, an unreadable reply): forward it to the plan's admins.
    case forward(ReplyTarget, reason: String)
    /// An automatic message (vacation, bounce, list): keep it for the plan's admins, never answer it.
    case automatic(ReplyTarget?, reason: String)
    /// No plan can be told (no token, an unknown or forged one, a message that cannot be read): forward it
    /// to the postmaster.
    case unknown(reason: String)
}

import NhacViecCore

/// What to do with one message that reached `nhacviec inbound`. Nothing is dropped: what is not a
/// completion or a delivery report about our own mail goes to people.
public enum InboundDecision: Equatable, Sendable {
    /// A department replied that its part is done: record it, acknowledge it. `date` is the answering document's
    /// date when the reply gives one.
    case complete(ReplyTarget, by: String, note: String?, ref: String?, date: LocalDate?)
    /// A person wrote something else (a question, an unreadable reply): forward it to the plan's admins.
    case forward(ReplyTarget, reason: String)
    /// An automatic message (vacation, list, a report not about our mail): keep it for the plan's admins (or the
    /// postmaster when no plan can be told), never answer it and never take it for a completion.
    case automatic(AutomaticSource, reason: String)
    /// A delivery report about one of our copies: mark the addresses that failed. `copy` is the copy a signed
    /// bounce address named; nil for a report that reached a reply address, found by its original Message-ID.
    case deliveryReport(copy: Int64?, DeliveryReport)
    /// A person's reply to a grouped mail (its signed copy token): which of the mail's items it reports done is read
    /// against the items the ledger keeps for the copy.
    case groupReply(copy: Int64, by: String, body: String)
    /// A well-formed reply token that no current task's department has: a task that left its plan, or a
    /// forgery; only the ledger's list of copies sent can tell.
    case unmatched(ReplyToken)
    /// No plan can be told (no token, a forged one, a message that cannot be read): forward its header's
    /// summary to the postmaster.
    case unknown(reason: String)
}

/// Whom an automatic message is about, as far as its address tells.
public enum AutomaticSource: Equatable, Sendable {
    /// A reply address of a department's part of a task.
    case target(ReplyTarget)
    /// A bounce address of a sent copy.
    case copy(Int64)
    /// Nothing: the bare address, or a token no current task has.
    case none
}

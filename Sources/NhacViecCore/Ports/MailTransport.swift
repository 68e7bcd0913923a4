/// Hands a message to the mail system; blocking, called off the scheduler's queue.
public protocol MailTransport: Sendable {
    /// Delivers one message; never throws, the outcome says what happened.
    func send(_ mail: OutgoingMail) -> DeliveryOutcome
}

/// Hands a message to the mail system; blocking, called off the scheduler's queue.
public protocol MailTransport: Sendable {
    /// Delivers one message; never throws, the outcome says what happened.
    func send(_ mail: OutgoingMail) -> DeliveryOutcome
    /// Ends any send in progress, so that a stopping daemon leaves no child behind; that send fails.
    func cancel()
}

extension MailTransport {
    /// Ends any send in progress; a transport without children has nothing to end.
    public func cancel() {}
}

import Foundation

/// A finished message ready for a transport: envelope plus RFC 5322 bytes.
public struct OutgoingMail: Sendable, Hashable {
    /// The envelope sender (`-f`).
    public var envelopeSender: String
    /// The envelope recipients.
    public var recipients: [String]
    /// The `Message-ID` header's value, with angle brackets.
    public var messageID: String
    /// The message, CRLF line endings.
    public var data: Data

    /// Creates a message.
    public init(envelopeSender: String, recipients: [String], messageID: String, data: Data) {
        self.envelopeSender = envelopeSender
        self.recipients = recipients
        self.messageID = messageID
        self.data = data
    }
}

/// Hands a message to the mail system; blocking, called off the scheduler's queue.
public protocol MailTransport: Sendable {
    /// Delivers one message; never throws, the outcome says what happened.
    func send(_ mail: OutgoingMail) -> DeliveryOutcome
}

/// The source of the current instant, real or virtual.
public protocol Clock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Real seconds to wait until the clock shows `instant` (0 if it already has).
    func realDelay(until instant: Date) -> TimeInterval
    /// A delivery began; a rehearsal clock stands still until it ends.
    func deliveryStarted()
    /// A delivery ended.
    func deliveryFinished()
}

extension Clock {
    /// Real time does not stop for deliveries.
    public func deliveryStarted() {}
    /// Real time does not stop for deliveries.
    public func deliveryFinished() {}
}

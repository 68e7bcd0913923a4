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

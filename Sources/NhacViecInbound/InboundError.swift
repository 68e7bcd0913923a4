/// A message or reply address that could not be read: what kind of failure, and what went wrong.
public struct InboundError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently to each.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The input has no header section at all, so it is not a mail message.
        public static let notAMessage = Code(name: "not-a-message")
        /// The input is larger than a reply could reasonably be.
        public static let tooLarge = Code(name: "too-large")
        /// The configured reply address is not a plain `local@domain` address.
        public static let invalidReplyAddress = Code(name: "invalid-reply-address")
        /// The key file exists but does not hold a usable key.
        public static let invalidKey = Code(name: "invalid-key")
        /// The key file could not be read or created.
        public static let keyFile = Code(name: "key-file")
        /// The code's name, as logs show it.
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, in words an operator can act on.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}

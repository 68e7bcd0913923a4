/// A message that could not be built: what kind of failure, and what to do about it.
public struct MailError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently to each.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// A subject or body template does not parse.
        public static let templateSyntax = Code(name: "template-syntax")
        /// A template rendered to nothing, which would send an empty subject or body.
        public static let emptyRendering = Code(name: "empty-rendering")
        /// The instance names a task the plan does not have (the plan changed under it).
        public static let unknownTask = Code(name: "unknown-task")
        /// There is nobody to send the message to.
        public static let noRecipients = Code(name: "no-recipients")
        /// A failure report was asked for a plan without admins.
        public static let noAdmins = Code(name: "no-admins")
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

    public var description: String { "\(code): \(message)" }
}

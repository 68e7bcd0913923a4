/// Why an event could not be changed in its plan file.
public struct EventEditError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// No plan file has the plan id asked for.
        public static let unknownPlan = Code(name: "unknown-plan")
        /// The plan has no event of that name.
        public static let unknownEvent = Code(name: "unknown-event")
        /// The event is written in a shape the editor cannot change safely.
        public static let unreadable = Code(name: "unreadable")
        /// A tentative date was asked for an event that is still `tbd`.
        public static let tentativeWithoutDate = Code(name: "tentative-without-date")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, and what to do, in words for the admin.
    public var description: String

    /// Creates an error.
    public init(code: Code, description: String) {
        self.code = code
        self.description = description
    }
}

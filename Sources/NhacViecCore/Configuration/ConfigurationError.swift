/// A configuration that could not be loaded: every problem found, not just the first.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// One or more files are invalid.
        public static let invalid = Code(name: "invalid")
        /// A file or directory could not be read.
        public static let unreadable = Code(name: "unreadable")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// Every problem, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]

    /// Creates an error.
    public init(code: Code, diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

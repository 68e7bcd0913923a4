/// One problem found in a configuration file, with its place.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable {
        /// The configuration cannot be used.
        case error
        /// The configuration works, but something deserves a look.
        case warning
    }

    /// The file's path, as given.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, and what to do.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, severity: Severity = .error, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

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

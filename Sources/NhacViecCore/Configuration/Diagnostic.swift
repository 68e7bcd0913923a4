/// One problem found in a configuration file, with its place.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable {
        /// The configuration cannot be used.
        case error
        /// The configuration works, but something deserves a look.
        case warning
        /// Worth knowing, nothing to fix (how mail will cite a plan without a number).
        case note
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

import NhacViecCore

/// Why a use case of the office changed nothing, or stopped before its end; a command prints the `diagnostics`, one
/// `FILE:LINE:COLUMN: error: …` each, then the description.
public struct OfficeError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The request names what is not there, or asks what the rules refuse (a date after today): a usage error.
        public static let invalidRequest = Code(name: "invalid-request")
        /// A file to read could not be read, or holds errors that `diagnostics` point to.
        public static let invalidInput = Code(name: "invalid-input")
        /// A plan file cannot be changed as asked: it has no such plan or event, or writes it in a shape the
        /// editor cannot change safely.
        public static let cannotEdit = Code(name: "cannot-edit")
        /// The configuration with the change in place would not pass `check`; `diagnostics` say why.
        public static let checkFailed = Code(name: "check-failed")
        /// The change would drop what the ledger records as answered, and was not forced.
        public static let refused = Code(name: "refused")
        /// The ledger could not be read or written.
        public static let ledger = Code(name: "ledger")
        /// A file could not be written.
        public static let unwritable = Code(name: "unwritable")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong, and what to do, in words for the admin.
    public var description: String
    /// The problems found in a file, when a read or a check failed.
    public var diagnostics: [Diagnostic]

    /// Creates an error.
    public init(_ code: Code, _ description: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.description = description
        self.diagnostics = diagnostics
    }

    /// Runs a step on the ledger, so that its failure reads as the ledger's own message.
    static func ledger<T>(_ step: () throws -> T) throws(OfficeError) -> T {
        do { return try step() } catch { throw OfficeError(.ledger, String(describing: error)) }
    }
}

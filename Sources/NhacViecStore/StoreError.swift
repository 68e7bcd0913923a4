/// A state file that cannot be used, with what to do about it.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        /// The file does not exist (and this process may not create it).
        public static let missing = Code(name: "missing")
        /// The file could not be opened or read.
        public static let unreadable = Code(name: "unreadable")
        /// The file is not a healthy SQLite database.
        public static let corrupt = Code(name: "corrupt")
        /// The file was written by a newer nhacviec.
        public static let tooNew = Code(name: "too-new")
        /// The file has not been set up by the daemon yet.
        public static let notMigrated = Code(name: "not-migrated")
        /// The directory that should hold the file does not exist.
        public static let missingDirectory = Code(name: "missing-directory")
        /// The filesystem holding the file is full.
        public static let diskFull = Code(name: "disk-full")
        /// The filesystem holding the file is mounted read-only.
        public static let readOnly = Code(name: "read-only")
        /// This user may not read or write the file.
        public static let permissionDenied = Code(name: "permission-denied")
        /// The file is missing or empty although this directory held a ledger: its history is lost.
        public static let lost = Code(name: "lost")
        /// `--new-ledger` was given but a ledger with history is still there.
        public static let notLost = Code(name: "not-lost")
        /// A query failed.
        public static let query = Code(name: "query")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The file concerned.
    public var path: String
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "state file \(path): \(message)" }
}

/// Why a file could not be replaced.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        static let inspect = Code(description: "inspect")
        static let create = Code(description: "create")
        static let write = Code(description: "write")
        static let replace = Code(description: "replace")
    }

    /// The step that failed.
    public let code: Code
    /// What failed, with the system's reason.
    public let description: String
}

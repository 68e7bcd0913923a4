/// Why a file could not be replaced.
struct FileWriteError: Error, CustomStringConvertible {
    /// The step that failed.
    struct Code: Hashable, CustomStringConvertible {
        let description: String
        static let inspect = Code(description: "inspect")
        static let create = Code(description: "create")
        static let write = Code(description: "write")
        static let replace = Code(description: "replace")
    }

    /// The step that failed.
    let code: Code
    /// What failed, with the system's reason.
    let description: String
}

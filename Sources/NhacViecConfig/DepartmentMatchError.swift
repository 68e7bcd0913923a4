/// Why a department cell of a petitions spreadsheet names no single department, told in Vietnamese.
public struct DepartmentMatchError: Error, Sendable, Hashable {
    /// The kind of problem.
    public enum Code: String, Sendable, Hashable {
        /// The cell is empty.
        case empty
        /// No department has that id or name, or a name containing it.
        case unknown
        /// Several departments fit the cell.
        case ambiguous
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong, with the candidates or the plan's departments, in Vietnamese.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

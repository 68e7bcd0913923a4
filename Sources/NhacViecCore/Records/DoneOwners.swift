/// Which owner departments of a task have reported it done.
public struct DoneOwners: Sendable, Hashable {
    /// The whole task was marked done, for every owner (`done` without `--department`).
    public var everyone: Bool
    /// The departments that reported separately.
    public var departments: Set<String>

    /// Creates a set of done owners; the default is nobody.
    public init(everyone: Bool = false, departments: Set<String> = []) {
        self.everyone = everyone
        self.departments = departments
    }

    /// Whether `department` has reported.
    public func contains(_ department: String) -> Bool { everyone || departments.contains(department) }

    /// The owners still to report, in the task's order.
    public func pending(of owners: [String]) -> [String] { owners.filter { !contains($0) } }

    /// Whether the task is done: every owner has reported.
    public func isComplete(owners: [String]) -> Bool { pending(of: owners).isEmpty }
}

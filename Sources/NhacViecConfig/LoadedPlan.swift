import NhacViecCore

/// A plan together with where it came from, so that later checks can point into its file.
public struct LoadedPlan: Sendable {
    /// The plan.
    public var plan: Plan
    /// The file it was read from.
    public var file: String
    /// The line and column of each task's `due` value, in task order.
    public var dueMarks: [SourcePosition]
    /// The line and column of the `id` of the plan.
    public var idMark: SourcePosition
    /// The line and column of the `templates` section, when there is one.
    public var templatesMark: SourcePosition?
    /// The line and column of each event's name, by name.
    public var eventMarks: [String: SourcePosition] = [:]
}

/// A line and column in a file.
public struct SourcePosition: Sendable, Hashable {
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    init(_ mark: Mark?) {
        line = mark?.line ?? 1
        column = mark?.column ?? 1
    }
}

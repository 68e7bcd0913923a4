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
    /// Its petitions file, when there is one; the petitions' tasks follow the plan's own in `plan.tasks`.
    public var petitions: LoadedPetitions?

    /// Creates a loaded plan.
    public init(plan: Plan, file: String, dueMarks: [SourcePosition], idMark: SourcePosition, templatesMark: SourcePosition?,
                eventMarks: [String: SourcePosition] = [:]) {
        self.plan = plan
        self.file = file
        self.dueMarks = dueMarks
        self.idMark = idMark
        self.templatesMark = templatesMark
        self.eventMarks = eventMarks
    }
}

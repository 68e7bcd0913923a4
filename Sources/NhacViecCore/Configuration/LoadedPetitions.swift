/// A plan's petitions file (`plans.d/PLAN.kien-nghi.yaml`) as the loader read it into that plan.
public struct LoadedPetitions: Sendable {
    /// The petitions file.
    public var file: String
    /// The petitions, in file order; each is the plan's task `kn-NUMBER`.
    public var petitions: [Petition]
    /// The line and column of each petition's `han`, in order.
    public var dueMarks: [SourcePosition]

    /// Creates a loaded petitions file.
    public init(file: String, petitions: [Petition], dueMarks: [SourcePosition]) {
        self.file = file
        self.petitions = petitions
        self.dueMarks = dueMarks
    }
}

/// The fields of a `PlanTask` that few tasks have (an event it produces, its petition, the occurrence it is), kept
/// out of line. Immutable: a task changes its extras by replacing the box, so copies of a task never share a change.
final class PlanTaskExtras: Sendable, Hashable {
    let produces: String?
    let petition: Petition?
    let occurrence: TaskOccurrence?

    private init(produces: String?, petition: Petition?, occurrence: TaskOccurrence?) {
        self.produces = produces
        self.petition = petition
        self.occurrence = occurrence
    }

    /// The box for these fields; nil when all are absent, so that equal tasks have equal boxes.
    static func make(produces: String?, petition: Petition?, occurrence: TaskOccurrence?) -> PlanTaskExtras? {
        guard produces != nil || petition != nil || occurrence != nil else { return nil }
        return PlanTaskExtras(produces: produces, petition: petition, occurrence: occurrence)
    }

    static func == (lhs: PlanTaskExtras, rhs: PlanTaskExtras) -> Bool {
        lhs.produces == rhs.produces && lhs.petition == rhs.petition && lhs.occurrence == rhs.occurrence
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(produces)
        hasher.combine(petition)
        hasher.combine(occurrence)
    }
}

import Foundation

/// A task's completion as an office member or a department's reply recorded it: for one owner
/// department, or for all of them.
public struct Completion: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// The department that reported; nil when the whole task was marked done.
    public var department: String?
    /// When it was marked done.
    public var doneAt: Date
    /// Who marked it: a name, or the address a reply came from.
    public var doneBy: String?
    /// A free note.
    public var note: String?
    /// The number of the document that answered, e.g. `45/UBND-VP`.
    public var ref: String?
    /// The date of the written answer (a petition's answer, judged against its deadline); nil in completions
    /// recorded before answers had dates, which count the day of `doneAt`.
    public var answeredOn: LocalDate?

    /// Creates a completion.
    public init(task: TaskKey, department: String? = nil, doneAt: Date, doneBy: String?, note: String?, ref: String? = nil,
                answeredOn: LocalDate? = nil) {
        self.task = task
        self.department = department
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.note = note
        self.ref = ref
        self.answeredOn = answeredOn
    }
}

extension Sequence where Element == Completion {
    /// The departments these completions cover.
    public var doneOwners: DoneOwners {
        var done = DoneOwners()
        for completion in self {
            if let department = completion.department { done.departments.insert(department) } else { done.everyone = true }
        }
        return done
    }
}

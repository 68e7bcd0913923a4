import Foundation

/// A task's completion, as an office member recorded it.
public struct Completion: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// When it was marked done.
    public var doneAt: Date
    /// Who marked it.
    public var doneBy: String?
    /// A free note.
    public var note: String?

    /// Creates a completion.
    public init(task: TaskKey, doneAt: Date, doneBy: String?, note: String?) {
        self.task = task
        self.doneAt = doneAt
        self.doneBy = doneBy
        self.note = note
    }
}

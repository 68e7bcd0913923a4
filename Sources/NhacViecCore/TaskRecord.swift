import Foundation

/// What the ledger knows of one task when the scheduler (re)loads.
public struct TaskRecord: Sendable, Hashable {
    /// Keys of instances delivered, skipped or given up.
    public var handledKeys: Set<String>
    /// Whether the task is marked done.
    public var isDone: Bool

    /// Creates a record.
    public init(handledKeys: Set<String> = [], isDone: Bool = false) {
        self.handledKeys = handledKeys
        self.isDone = isDone
    }
}

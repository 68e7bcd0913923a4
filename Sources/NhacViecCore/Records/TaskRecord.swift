import Foundation

/// What the ledger knows of one task when the scheduler (re)loads.
public struct TaskRecord: Sendable, Hashable {
    /// Keys of instances delivered, skipped or given up.
    public var handledKeys: Set<String>
    /// The owner departments that reported it done.
    public var done: DoneOwners

    /// Creates a record.
    public init(handledKeys: Set<String> = [], done: DoneOwners = DoneOwners()) {
        self.handledKeys = handledKeys
        self.done = done
    }
}

import Foundation

/// One item of a grouped reminder: a send of one task, and the number the mail shows it by.
public struct GroupedItem: Sendable {
    /// The reminder.
    public var instance: ReminderInstance
    /// Its task.
    public var task: PlanTask
    /// A petition's own number, else its place in the list.
    public var number: Int
    /// Whether the task is a petition (`kn-N`): the mail calls it "Kiến nghị số N".
    public var isPetition: Bool

    /// Creates an item.
    public init(instance: ReminderInstance, task: PlanTask, number: Int, isPetition: Bool) {
        self.instance = instance
        self.task = task
        self.number = number
        self.isPetition = isPetition
    }
}

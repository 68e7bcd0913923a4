import Foundation

/// One task's standing for `nhacviec status`: its due day, state, last reminder sent and next one, and
/// where each owner department stands.
public struct TaskStatus: Sendable, Hashable {
    /// One owner department's standing.
    public struct Owner: Sendable, Hashable {
        /// The department's id.
        public var department: String
        /// Its state: done once it reported, else the task's state.
        public var state: TaskState
        /// Its completion, when it reported (or the whole task was marked done).
        public var completion: Completion?
    }

    /// The task.
    public var task: TaskKey
    /// Its due day, or the event it waits for.
    public var timing: TaskTiming
    /// Its state today: done once every owner reported.
    public var state: TaskState
    /// The latest reminder sent, if any.
    public var lastSent: SentReminder?
    /// The next reminder still to come; nil once the task is done.
    public var next: ReminderInstance?
    /// The latest completion recorded for the task, if any.
    public var completion: Completion?
    /// Each owner department, in the task's order.
    public var owners: [Owner]

    /// The status of every task of `plans` but the recurring ones, in plan and task order, as of `now`.
    public static func all(plans: [Plan], calendar: WorkingCalendar, records: [TaskKey: TaskRecord],
                           completions: [TaskKey: [Completion]], lastSent: [TaskKey: SentReminder], now: Date) -> [TaskStatus] {
        let planner = ReminderPlanner(calendar: calendar)
        return plans.flatMap { plan in
            let today = LocalInstant.day(of: now, zone: plan.timeZone)
            return plan.tasks.compactMap { task -> TaskStatus? in
                // Recurring tasks: their occurrences are scheduled by
                // `ReminderPlanner.occurrences(of:dueFrom:through:)`, each with a status of its own once the ledger
                // keys them by period; the template has none.
                if case .recurring = task.due { return nil }
                let key = TaskKey(planID: plan.id, taskID: task.id)
                let handled = records[key]?.handledKeys ?? []
                let recorded = plan.completions(of: task, recorded: completions[key] ?? [])
                let done = recorded.doneOwners
                let isDone = done.isComplete(owners: task.owners)
                let timing = planner.timing(of: task, in: plan)
                let state = TaskState(timing: timing, isDone: isDone, today: today)
                let next = isDone ? nil : planner.instances(of: task, in: plan).first { !handled.contains($0.key) && $0.at > now }
                let owners = task.owners.map { id in
                    Owner(department: id, state: done.contains(id) ? .done : state,
                          completion: recorded.last { $0.department == id } ?? recorded.last { $0.department == nil })
                }
                return TaskStatus(task: key, timing: timing, state: state, lastSent: lastSent[key], next: next,
                                  completion: recorded.last, owners: owners)
            }
        }
    }
}

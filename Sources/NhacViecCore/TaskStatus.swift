import Foundation

/// One task's standing for `nhacviec status`: its due day, state, last reminder sent and next one.
public struct TaskStatus: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// Its due day, or the event it waits for.
    public var timing: TaskTiming
    /// Its state today.
    public var state: TaskState
    /// The latest reminder sent, if any.
    public var lastSent: SentReminder?
    /// The next reminder still to come; nil once the task is done.
    public var next: ReminderInstance?
    /// Its completion, when done.
    public var completion: Completion?

    /// The status of every task of `plans`, in plan and task order, as of `now`.
    public static func all(plans: [Plan], calendar: WorkingCalendar, records: [TaskKey: TaskRecord],
                           completions: [TaskKey: Completion], lastSent: [TaskKey: SentReminder], now: Date) -> [TaskStatus] {
        let planner = ReminderPlanner(calendar: calendar)
        return plans.flatMap { plan in
            let today = LocalInstant.day(of: now, zone: plan.timeZone)
            return plan.tasks.map { task in
                let key = TaskKey(planID: plan.id, taskID: task.id)
                let handled = records[key]?.handledKeys ?? []
                let completion = completions[key]
                let timing = planner.timing(of: task, in: plan)
                let next = completion != nil ? nil
                    : planner.instances(of: task, in: plan).first { !handled.contains($0.key) && $0.at > now }
                return TaskStatus(task: key, timing: timing, state: TaskState(timing: timing, isDone: completion != nil, today: today),
                                  lastSent: lastSent[key], next: next, completion: completion)
            }
        }
    }
}

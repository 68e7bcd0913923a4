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
    /// The task's title; an occurrence's names its period (`Báo cáo công tác tháng 3/2027`).
    public var title: String = ""
    /// The period an occurrence of a recurring task is for (`2027-03`); nil for any other task.
    public var period: String?

    /// The status of every task of `plans`, in plan and task order, as of `now`. A recurring task shows its
    /// occurrences that still matter: those not done and not lapsed, the latest one due whatever its state, and the
    /// next one (`OccurrenceWindow`).
    public static func all(plans: [Plan], calendar: WorkingCalendar, records: [TaskKey: TaskRecord],
                           completions: [TaskKey: [Completion]], lastSent: [TaskKey: SentReminder], now: Date) -> [TaskStatus] {
        let planner = ReminderPlanner(calendar: calendar)
        return plans.flatMap { plan in
            let today = LocalInstant.day(of: now, zone: plan.timeZone)
            return plan.tasks.flatMap { task -> [TaskStatus] in
                func status(_ task: PlanTask) -> TaskStatus {
                    Self.status(of: task, in: plan, planner: planner, records: records, completions: completions,
                                lastSent: lastSent, now: now, today: today)
                }
                guard task.due.recurrence != nil else { return [status(task)] }
                let all = OccurrenceWindow.current(of: task, today: today, calendar: calendar).map(status)
                let latest = all.last { $0.dueDay.map { $0 <= today } ?? false }
                return all.filter { ![.done, .lapsed].contains($0.state) || $0.task == latest?.task
                    || ($0.dueDay.map { $0 > today } ?? false) }
            }
        }
    }

    /// One task's status.
    static func status(of task: PlanTask, in plan: Plan, planner: ReminderPlanner, records: [TaskKey: TaskRecord],
                       completions: [TaskKey: [Completion]], lastSent: [TaskKey: SentReminder], now: Date,
                       today: LocalDate) -> TaskStatus {
        let key = TaskKey(planID: plan.id, taskID: task.id)
        let handled = records[key]?.handledKeys ?? []
        let recorded = plan.completions(of: task, recorded: completions[key] ?? [])
        let done = recorded.doneOwners
        let isDone = done.isComplete(owners: task.owners)
        let timing = planner.timing(of: task, in: plan)
        let state = TaskState(timing: timing, isDone: isDone, today: today, lapses: task.lapses)
        let next = isDone ? nil : planner.instances(of: task, in: plan).first { !handled.contains($0.key) && $0.at > now }
        let owners = task.owners.map { id in
            Owner(department: id, state: done.contains(id) ? .done : state,
                  completion: recorded.last { $0.department == id } ?? recorded.last { $0.department == nil })
        }
        return TaskStatus(task: key, timing: timing, state: state, lastSent: lastSent[key], next: next,
                          completion: recorded.last, owners: owners, title: task.title,
                          period: task.occurrence?.period)
    }

    /// The due day, when it has one.
    public var dueDay: LocalDate? {
        if case .due(let day) = timing { return day }
        return nil
    }
}

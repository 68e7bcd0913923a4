import NhacViecCore

/// A task found in the configuration by its plan's id and its own: what `done` and `reopen` act on.
public struct ResolvedTask: Sendable {
    /// The plan that holds the task.
    public let plan: Plan
    /// The task.
    public let task: PlanTask

    /// The task's key in the ledger.
    public var key: TaskKey { TaskKey(planID: plan.id, taskID: task.id) }

    /// Finds the task; an invalid request, listing what there is, when the plan or the task is not there.
    public init(_ key: TaskKey, in configuration: Configuration) throws(OfficeError) {
        guard let loaded = configuration.plans.first(where: { $0.plan.id == key.planID }) else {
            let plans = configuration.plans.map(\.plan.id).joined(separator: ", ")
            throw OfficeError(.invalidRequest, "no plan '\(key.planID)'; plans: \(plans)")
        }
        // `TASK+PERIOD` names an occurrence of a recurring task, as `status` lists it.
        guard let task = loaded.plan.task(key.taskID, calendar: configuration.calendar) else {
            let tasks = loaded.plan.tasks.map(\.id).joined(separator: ", ")
            throw OfficeError(.invalidRequest, "plan '\(key.planID)' has no task '\(key.taskID)'; tasks: \(tasks)")
        }
        self.plan = loaded.plan
        self.task = task
    }

    /// A task already found.
    init(plan: Plan, task: PlanTask) {
        self.plan = plan
        self.task = task
    }

    /// Refuses to mark by hand a task whose state follows the event it produces: the event's date is the record.
    func refuseIfItFollowsAnEvent(_ command: String) throws(OfficeError) {
        guard let event = task.produces else { return }
        let state = plan.producedCompletion(of: task) == nil ? "open until it has a firm date" : "done since its date"
        throw OfficeError(.refused, """
            task '\(task.id)' follows the event '\(event)' (produces: \(event)): it is \(state), so \(command) does not \
            apply; set the event instead: nhacviec event \(plan.id) \(event) YYYY-MM-DD (or tbd)
            """)
    }

    /// The departments named, after checking that each owns the task; nil when none is named, which means every owner.
    func owners(named departments: [String]) throws(OfficeError) -> [String]? {
        guard !departments.isEmpty else { return nil }
        for id in departments where !task.owners.contains(id) {
            let owners = task.owners.joined(separator: ", ")
            throw OfficeError(.invalidRequest, "'\(id)' is not an owner of task '\(task.id)'; owners: \(owners)")
        }
        return departments
    }
}

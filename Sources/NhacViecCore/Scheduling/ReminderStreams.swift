/// The reminder streams: two per task (owner reminders, then the escalation), numbered plan by plan from 0, then two
/// per lane of a recurring task (`OccurrenceLane`).
struct ReminderStreams: Sendable {
    var plans: [Plan] = []
    /// Task `t` of plan `p` is `taskBase[p] + t`. No per-task key is stored; one is rebuilt from the plan and the
    /// task when needed.
    var taskBase: [Int32] = []
    var taskPlans: [Int32] = []
    /// Each task's due day as a julian day, or `Stream.noDay` while it waits for an event; then each lane's, for the
    /// occurrence it holds.
    var dueDays: [Int32] = []
    var planIndex: [String: Int32] = [:]
    var done: Set<TaskKey> = []
    /// The lanes of the recurring tasks, numbered after the tasks: lane `l` is task number `taskPlans.count + l`.
    var lanes: [OccurrenceLane] = []
    /// The first lane of each recurring task, by its task number.
    var firstLane: [Int32: Int32] = [:]

    /// How many streams are reminders: the digest streams come after them.
    var count: Int32 { Int32((taskPlans.count + lanes.count) * 2) }

    /// Whether stream `s` is a reminder stream.
    func owns(_ s: Int32) -> Bool { s < count }

    /// Numbers the plans' tasks and gives each recurring task its lanes; a plan id that appears twice keeps its first
    /// plan.
    init(plans newPlans: [Plan] = [], calendar: WorkingCalendar? = nil) {
        var seen = Set<String>()
        plans = newPlans.filter { seen.insert($0.id).inserted }
        for (p, plan) in plans.enumerated() {
            planIndex[plan.id] = Int32(p)
            taskBase.append(Int32(taskPlans.count))
            taskPlans += repeatElement(Int32(p), count: plan.tasks.count)
        }
        if let calendar { addLanes(calendar: calendar) }
        dueDays = Array(repeating: Scheduler.Stream.noDay, count: taskPlans.count + lanes.count)
    }

    private mutating func addLanes(calendar: WorkingCalendar) {
        for (p, plan) in plans.enumerated() where plan.hasRecurringTasks {
            for (i, task) in plan.tasks.enumerated() {
                guard case .recurring(let recurrence) = task.due else { continue }
                let t = taskBase[p] + Int32(i)
                firstLane[t] = Int32(lanes.count)
                let ring = OccurrenceLane.ring(of: task, recurrence: recurrence)
                for position in 0..<ring {
                    lanes.append(OccurrenceLane(task: t, position: Int32(position), ring: Int32(ring)))
                }
            }
        }
    }

    /// Whether task number `t` is a lane.
    func isLane(_ t: Int32) -> Bool { Int(t) >= taskPlans.count }

    /// The lane of task number `t`.
    func lane(_ t: Int32) -> OccurrenceLane { lanes[Int(t) - taskPlans.count] }

    /// The plan and task of number `t`; for a lane, the occurrence it holds, or its recurring task while it holds
    /// none (whose reminders are none).
    func planAndTask(_ t: Int32) -> (Plan, PlanTask) {
        if isLane(t) {
            let lane = lane(t)
            let (plan, template) = planAndTask(lane.task)
            return (plan, lane.occurrence ?? template)
        }
        let p = Int(taskPlans[Int(t)])
        return (plans[p], plans[p].tasks[Int(t - taskBase[p])])
    }

    /// The key of task number `t`.
    func taskKey(_ t: Int32) -> TaskKey {
        let (plan, task) = planAndTask(t)
        return TaskKey(planID: plan.id, taskID: task.id)
    }

    /// The number of a task, found through its plan; a task id appears once in a plan. An occurrence's is its lane's,
    /// while the lane holds it.
    func taskNumber(_ key: TaskKey) -> Int32? {
        if let (taskID, period) = TaskOccurrence.split(key.taskID) {
            guard let t = taskNumber(TaskKey(planID: key.planID, taskID: taskID)), let first = firstLane[t],
                  let unit = planAndTask(t).1.due.recurrence?.unit, let index = unit.periodIndex(named: period) else {
                return nil
            }
            let ring = Int(lanes[Int(first)].ring)
            let l = Int(first) + ((index % ring) + ring) % ring
            guard lanes[l].occurrence?.occurrence?.occurrence.index == index else { return nil }
            return Int32(taskPlans.count + l)
        }
        guard let p = planIndex[key.planID], let position = plans[Int(p)].tasks.firstIndex(where: { $0.id == key.taskID }) else {
            return nil
        }
        return taskBase[Int(p)] + Int32(position)
    }
}

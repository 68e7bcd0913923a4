import Foundation

/// The reminder streams: two per task (owner reminders, then the escalation), numbered plan by plan from 0.
struct ReminderStreams: Sendable {
    var plans: [Plan] = []
    /// Task `t` of plan `p` is `taskBase[p] + t`. No per-task key is stored; one is rebuilt from the plan and the
    /// task when needed.
    var taskBase: [Int32] = []
    var taskPlans: [Int32] = []
    /// Each task's due day as a julian day, or `Stream.noDay` while it waits for an event.
    var dueDays: [Int32] = []
    var planIndex: [String: Int32] = [:]
    var done: Set<TaskKey> = []

    /// How many streams are reminders: the digest streams come after them.
    var count: Int32 { Int32(taskPlans.count * 2) }

    /// Whether stream `s` is a reminder stream.
    func owns(_ s: Int32) -> Bool { s < count }

    /// Numbers the plans' tasks; a plan id that appears twice keeps its first plan.
    init(plans newPlans: [Plan] = []) {
        var seen = Set<String>()
        plans = newPlans.filter { seen.insert($0.id).inserted }
        for (p, plan) in plans.enumerated() {
            planIndex[plan.id] = Int32(p)
            taskBase.append(Int32(taskPlans.count))
            taskPlans += repeatElement(Int32(p), count: plan.tasks.count)
        }
        dueDays = Array(repeating: Scheduler.Stream.noDay, count: taskPlans.count)
    }

    func planAndTask(_ t: Int32) -> (Plan, PlanTask) {
        let p = Int(taskPlans[Int(t)])
        return (plans[p], plans[p].tasks[Int(t - taskBase[p])])
    }

    /// The key of task number `t`.
    func taskKey(_ t: Int32) -> TaskKey {
        let (plan, task) = planAndTask(t)
        return TaskKey(planID: plan.id, taskID: task.id)
    }

    /// The number of a task, found through its plan; a task id appears once in a plan.
    func taskNumber(_ key: TaskKey) -> Int32? {
        guard let p = planIndex[key.planID], let position = plans[Int(p)].tasks.firstIndex(where: { $0.id == key.taskID }) else {
            return nil
        }
        return taskBase[Int(p)] + Int32(position)
    }
}

extension Scheduler {
    /// The reminders of stream `s` (a reminder stream), in order.
    func reminderInstances(of s: Int32) -> [ReminderInstance] {
        let (plan, task) = reminders.planAndTask(s / 2)
        return planner.instances(of: task, in: plan).filter { ($0.kind == .escalation) == (s % 2 == 1) }
    }

    /// The stream of a reminder, if its task is still in the plans.
    func reminderStream(of instance: ReminderInstance) -> Int32? {
        reminders.taskNumber(instance.taskKey).map { $0 * 2 + (instance.kind == .escalation ? 1 : 0) }
    }

    /// Each task of the plan: its due day, whether it is done, and each stream's cursor and next instant.
    static func planTasks(of plan: Plan, planner: ReminderPlanner, records: [TaskKey: TaskRecord]) -> [PlannedTask] {
        var instants = SendInstants(zone: plan.timeZone, time: plan.sendAt)
        var planned: [PlannedTask] = []
        planned.reserveCapacity(plan.tasks.count)
        for task in plan.tasks {
            let record = records.isEmpty ? nil : records[TaskKey(planID: plan.id, taskID: task.id)]
            let isDone = plan.doneOwners(of: task, recorded: record?.done ?? DoneOwners()).isComplete(owners: task.owners)
            guard case .due(let dueDay) = planner.timing(of: task, in: plan) else {
                planned.append(PlannedTask(dueDay: Stream.noDay, isDone: isDone, owners: .absent, escalation: .absent))
                continue
            }
            let slots = planner.slots(of: task, in: plan, dueDay: dueDay)
            let handled = record?.handledKeys ?? []
            func stream(escalation: Bool) -> PlannedTask.StreamStart {
                let list = slots.filter { ($0.kind == .escalation) == escalation }
                guard !list.isEmpty else { return .absent }
                let cursor = handled.isEmpty ? Stream.noDay
                    : list.last(where: { handled.contains($0.key(planID: plan.id, taskID: task.id)) }).map { Int32($0.day.julianDay) }
                        ?? Stream.noDay
                let next = list.first { Int32($0.day.julianDay) > cursor }
                return PlannedTask.StreamStart(exists: true, cursor: cursor, nextAt: next.map { instants.at($0.day) } ?? .nan)
            }
            planned.append(PlannedTask(dueDay: Int32(dueDay.julianDay), isDone: isDone, owners: stream(escalation: false),
                                       escalation: stream(escalation: true)))
        }
        return planned
    }

    /// Writes the planned tasks into the reminder streams, and returns their first wake-ups.
    mutating func adoptPlanned(_ planned: [[PlannedTask]]) -> [Wakeup] {
        var wakeups: [Wakeup] = []
        wakeups.reserveCapacity(reminders.taskPlans.count)
        for (p, tasks) in planned.enumerated() {
            let base = Int(reminders.taskBase[p])
            for (i, task) in tasks.enumerated() {
                let t = base + i
                reminders.dueDays[t] = task.dueDay
                if task.isDone { reminders.done.insert(reminders.taskKey(Int32(t))) }
                for escalation in 0...1 {
                    let stream = escalation == 1 ? task.escalation : task.owners
                    guard stream.exists else { continue }
                    let s = t * 2 + escalation
                    streams[s] = Stream(nextAt: stream.nextAt, cursor: stream.cursor, generation: 1)
                    if !stream.nextAt.isNaN { wakeups.append(Wakeup(at: stream.nextAt, stream: Int32(s), generation: 1)) }
                }
            }
        }
        return wakeups
    }
}

import Foundation

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
            planned.append(planTask(task, of: plan, planner: planner, records: records, instants: &instants))
        }
        return planned
    }

    /// One task's due day, whether it is done, and each of its streams' cursor and next instant.
    static func planTask(_ task: PlanTask, of plan: Plan, planner: ReminderPlanner, records: [TaskKey: TaskRecord],
                         instants: inout SendInstants) -> PlannedTask {
        let record = records.isEmpty ? nil : records[TaskKey(planID: plan.id, taskID: task.id)]
        let isDone = plan.doneOwners(of: task, recorded: record?.done ?? DoneOwners()).isComplete(owners: task.owners)
        guard case .due(let dueDay) = planner.timing(of: task, in: plan) else {
            return PlannedTask(dueDay: Stream.noDay, isDone: isDone, owners: .absent, escalation: .absent)
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
        return PlannedTask(dueDay: Int32(dueDay.julianDay), isDone: isDone, owners: stream(escalation: false),
                           escalation: stream(escalation: true))
    }

    /// Writes the planned tasks into the reminder streams, and returns their first wake-ups.
    mutating func adoptPlanned(_ planned: [[PlannedTask]]) -> [Wakeup] {
        var wakeups: [Wakeup] = []
        wakeups.reserveCapacity(reminders.taskPlans.count)
        for (p, tasks) in planned.enumerated() {
            let base = Int(reminders.taskBase[p])
            for (i, task) in tasks.enumerated() { adopt(task, as: Int32(base + i), wakeups: &wakeups) }
        }
        return wakeups
    }

    /// Writes one planned task into task number `t`'s streams, and adds their first wake-ups to `wakeups`.
    mutating func adopt(_ task: PlannedTask, as t: Int32, wakeups: inout [Wakeup]) {
        reminders.dueDays[Int(t)] = task.dueDay
        if task.isDone { reminders.done.insert(reminders.taskKey(t)) }
        for escalation in 0...1 {
            let start = escalation == 1 ? task.escalation : task.owners
            guard start.exists || reminders.isLane(t) else { continue }
            let s = t * 2 + Int32(escalation)
            let generation = streams[Int(s)].generation &+ 1
            streams[Int(s)] = Stream(nextAt: start.nextAt, cursor: start.cursor, generation: generation)
            if !start.nextAt.isNaN { wakeups.append(Wakeup(at: start.nextAt, stream: s, generation: generation)) }
        }
    }
}

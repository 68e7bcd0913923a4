import Foundation

extension Scheduler {
    /// How many reminder streams have something pending, the earliest pending reminder, and the overdue tasks.
    public func summary(now: Date) -> SchedulerSummary {
        var earliest: (at: Double, stream: Int32)?
        var pending = 0
        let today = reminders.plans.map { LocalInstant.day(of: now, zone: $0.timeZone) }
        for index in 0..<Int(reminders.count) {
            let s = Int32(index)
            let at = retries[s].map { $0.at.timeIntervalSince1970 } ?? streams[index].nextAt
            guard !at.isNaN else { continue }
            pending += 1
            if earliest == nil || at < earliest!.at { earliest = (at, s) }
        }
        var overdue = 0
        for t in reminders.taskPlans.indices where isOverdue(Int32(t), today: today[Int(reminders.taskPlans[t])]) { overdue += 1 }
        for lane in reminders.lanes.indices {
            let t = Int32(reminders.taskPlans.count + lane)
            if isOverdue(t, today: today[Int(reminders.taskPlans[Int(reminders.lanes[lane].task)])]) { overdue += 1 }
        }
        let next = earliest.flatMap { entry in
            retries[entry.stream]?.delivery.send.reminder ?? self.next(entry.stream, now: now)?.reminder
        }
        return SchedulerSummary(next: next, pending: pending, overdue: overdue)
    }

    /// Whether the task is overdue by the one definition `status` uses too (`TaskState`), from the cached due day.
    /// The done set, keyed by strings, is looked up only for tasks past their due day: the STATUS line is
    /// refreshed every second of a burst, over every task.
    private func isOverdue(_ t: Int32, today: LocalDate) -> Bool {
        let day = reminders.dueDays[Int(t)]
        guard day != Stream.noDay, day < Int32(today.julianDay) else { return false }
        let timing = TaskTiming.due(LocalDate(julianDay: Int(day)))
        let lapses = reminders.isLane(t) && reminders.lane(t).occurrence?.lapses == true
        return TaskState(timing: timing, isDone: reminders.done.contains(reminders.taskKey(t)), today: today,
                         lapses: lapses) == .overdue
    }
}

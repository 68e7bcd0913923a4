import Foundation

// Recurring tasks in the scheduler. Each has a ring of lanes (`OccurrenceLane`), each holding one occurrence as a task
// of its own, with the two streams of any task. A lane takes its first occurrence at a load and the next one of its
// ring once the one it holds has nothing left to send: the occurrences held are the open and next ones only, and
// memory and start-up time do not grow with how long a rule runs.

extension Scheduler {
    /// Gives every lane its first occurrence at a load, the earliest of its ring that still has a reminder to send
    /// (one missed within the catch-up limit included), and adds the wake-ups of its streams to `wakeups`.
    mutating func planLanes(records: [TaskKey: TaskRecord], now: Date, wakeups: inout [Wakeup]) {
        for l in reminders.lanes.indices {
            let lane = reminders.lanes[l]
            let t = Int32(reminders.taskPlans.count + l)
            let (plan, template) = reminders.planAndTask(lane.task)
            guard let recurrence = template.due.recurrence else { continue }
            // Earlier occurrences' last reminders are past the catch-up limit: they could only be skipped as too late.
            let today = LocalInstant.day(of: now, zone: plan.timeZone)
            let back = Int(policy.catchUpLimit / 86400) + 1 + template.reachInDays.after + 2 * OccurrenceLane.tetSlack
            guard let first = recurrence.occurrence(onOrAfter: today.adding(days: -back), calendar: planner.calendar) else {
                continue
            }
            var instants = SendInstants(zone: plan.timeZone, time: plan.sendAt)
            var index = first.index + lane.offset(from: first.index)
            while let found = occurrence(of: template, recurrence, from: index, ring: Int(lane.ring)) {
                let planned = Self.planTask(found.task, of: plan, planner: planner, records: records, instants: &instants)
                guard planned.owners.exists || planned.escalation.exists else { break }  // no reminders at all
                if planned.owners.nextAt.isNaN && planned.escalation.nextAt.isNaN {
                    index = found.index + Int(lane.ring)
                    continue
                }
                reminders.lanes[l].occurrence = found.task
                adopt(planned, as: t, wakeups: &wakeups)
                break
            }
        }
    }

    /// Moves the lane of stream `s` on to the next occurrence of its ring once the one it holds has nothing left to
    /// send, pending, retried or in flight; a lane past the rule's last occurrence holds none.
    mutating func advanceLane(of s: Int32, now: Date) {
        let t = s / 2
        guard reminders.isLane(t), let held = reminders.lane(t).occurrence?.occurrence else { return }
        let pair = [t * 2, t * 2 + 1]
        guard pair.allSatisfy({ streams[Int($0)].nextAt.isNaN && retries[$0] == nil && inFlight[$0] == nil }) else { return }
        let l = Int(t) - reminders.taskPlans.count
        let ring = Int(reminders.lanes[l].ring)
        let (plan, template) = reminders.planAndTask(reminders.lanes[l].task)
        guard let recurrence = template.due.recurrence,
              let found = occurrence(of: template, recurrence, from: held.occurrence.index + ring, ring: ring),
              !planner.slots(of: found.task, in: plan, dueDay: found.dueDay).isEmpty else {
            reminders.lanes[l].occurrence = nil
            reminders.dueDays[Int(t)] = Stream.noDay
            return
        }
        reminders.lanes[l].occurrence = found.task
        reminders.dueDays[Int(t)] = Int32(found.dueDay.julianDay)
        for stream in pair {
            streams[Int(stream)].cursor = Stream.noDay
            schedule(stream, now: now)
        }
    }

    /// The first occurrence of the rule from period `index` on, in steps of `ring` periods, that exists and is not
    /// dropped by `shift: skip`, as a task of its own.
    func occurrence(of template: PlanTask, _ recurrence: Recurrence, from index: Int,
                    ring: Int) -> (task: PlanTask, index: Int, dueDay: LocalDate)? {
        guard let last = recurrence.lastOccurrence(calendar: planner.calendar)?.index else { return nil }
        var index = index
        while index <= last {
            if let occurrence = recurrence.occurrence(index: index, calendar: planner.calendar),
               let dueDay = recurrence.dueDay(of: occurrence, shift: template.effectiveShift, calendar: planner.calendar) {
                return (template.occurrenceTask(occurrence, dueDay: dueDay), index, dueDay)
            }
            index += ring
        }
        return nil
    }
}

extension OccurrenceLane {
    /// How many periods after `index` the first period this lane holds comes.
    func offset(from index: Int) -> Int {
        let ring = Int(self.ring)
        return ((Int(position) - index) % ring + ring) % ring
    }
}

import Foundation

extension Scheduler {
    /// Replaces the plans (at start and on reload) and returns what is due now, catch-up rules applied.
    /// After a reload, a send already past its instant fell due because a date moved: it is sent, but not as one
    /// missed while the daemon was down.
    public mutating func load(plans newPlans: [Plan], calendar: WorkingCalendar? = nil, records: [TaskKey: TaskRecord],
                              now: Date, afterReload: Bool = false) -> [SchedulerAction] {
        let fresh = prepared(plans: newPlans, calendar: calendar, records: records, now: now)
        return adopt(fresh, handledSince: [], now: now, afterReload: afterReload)
    }

    /// The first half of a load, which may run on any thread: a scheduler for the new plans with every
    /// stream's cursor from the ledger's records, and nothing in flight. It reads nothing of `self` but the
    /// planner and policy, so a reload can plan millions of tasks while this scheduler keeps sending.
    /// Plans are worked out on every core (`ParallelMap`), and only each stream's next instant is computed. `now`
    /// picks the occurrences of recurring tasks that are still open or next.
    public func prepared(plans newPlans: [Plan], calendar: WorkingCalendar? = nil, records: [TaskKey: TaskRecord],
                         now: Date) -> Scheduler {
        var fresh = Scheduler(planner: calendar.map { ReminderPlanner(calendar: $0) } ?? planner, policy: policy)
        fresh.reminders = ReminderStreams(plans: newPlans, calendar: fresh.planner.calendar)
        fresh.digests = DigestStreams(plans: fresh.reminders.plans, base: fresh.reminders.count)
        fresh.streams = Array(repeating: Stream(), count: Int(fresh.reminders.count) + fresh.digests.addresses.count)
        // The workers see the plans and the planner only: a copy of `fresh` would make the writes below copy its arrays.
        let planner = fresh.planner
        let planned = ParallelMap.map(fresh.reminders.plans) { plan in Self.planTasks(of: plan, planner: planner, records: records) }
        var wakeups = fresh.adoptPlanned(planned)
        fresh.planLanes(records: records, now: now, wakeups: &wakeups)
        fresh.wakeups = MinHeap(unordered: wakeups)
        fresh.readDigestHistory(records)
        return fresh
    }

    /// The second half of a load, on the scheduler's queue and quick: takes over a prepared scheduler,
    /// carrying this one's retries and sends in flight, and moving past the sends handled since the
    /// prepared one read the ledger; then returns what is due now.
    public mutating func adopt(_ fresh: Scheduler, handledSince: [Send], now: Date, afterReload: Bool = false) -> [SchedulerAction] {
        let carriedRetries = Array(retries.values), carriedInFlight = Array(inFlight.values)
        self = fresh
        for send in handledSince { take(send, retry: nil, inFlight: nil, now: now) }
        for retry in carriedRetries { take(retry.delivery.send, retry: retry, inFlight: nil, now: now) }
        for delivery in carriedInFlight { take(delivery.send, retry: nil, inFlight: delivery, now: now) }
        scheduleDigests(now: now)
        loadingAfterReload = afterReload
        defer { loadingAfterReload = false }
        return fire(now: now)
    }

    /// Moves a stream's cursor past a send that is handled, retried or being sent: it is taken, even though the
    /// ledger the prepared scheduler read does not say so yet.
    private mutating func take(_ send: Send, retry: (delivery: Delivery, at: Date)?, inFlight delivery: Delivery?, now: Date) {
        guard let s = stream(of: send) else { return }
        let list = reminders.owns(s) ? reminderInstances(of: s) : nil
        if let list, !list.contains(where: { $0.key == send.key }) { return }
        streams[Int(s)].cursor = max(streams[Int(s)].cursor, ordinal(of: send))
        if let retry { retries[s] = retry }
        if let delivery {
            inFlight[s] = delivery
            streams[Int(s)].nextAt = .nan
            streams[Int(s)].generation &+= 1
        } else if reminders.owns(s) {
            schedule(s, now: now, list: list)
        }
    }
}

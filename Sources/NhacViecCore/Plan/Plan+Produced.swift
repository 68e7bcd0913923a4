import Foundation

extension Plan {
    /// The completion a task that produces an event has from that event: done by every owner on the event's day,
    /// while its date is set and not tentative; nil otherwise, or for a task that produces nothing.
    ///
    /// The event, not a stored mark, decides: `nhacviec event PLAN conclusion 2025-12-26` (or an edit by hand) closes
    /// the task issuing the Conclusion Notice, and setting the event back to `tbd` or tentative opens it again.
    public func producedCompletion(of task: PlanTask) -> Completion? {
        guard let name = task.produces, let event = events[name], let date = event.date, !event.isTentative else { return nil }
        return Completion(task: TaskKey(planID: id, taskID: task.id), department: nil,
                          doneAt: LocalInstant.date(day: date, time: .midnight, zone: timeZone),
                          doneBy: nil, note: "ngày \(event.name ?? name): \(date.vietnamese)", answeredOn: date)
    }

    /// A task's completions as they stand: the event's for a task that produces one, else those recorded.
    public func completions(of task: PlanTask, recorded: [Completion]) -> [Completion] {
        guard task.produces != nil else { return recorded }
        return producedCompletion(of: task).map { [$0] } ?? []
    }

    /// The owners that have finished a task: all of them while the event it produces has a firm date, else those
    /// the ledger records.
    public func doneOwners(of task: PlanTask, recorded: DoneOwners) -> DoneOwners {
        guard task.produces != nil else { return recorded }
        return producedCompletion(of: task) != nil ? DoneOwners(everyone: true) : DoneOwners()
    }
}

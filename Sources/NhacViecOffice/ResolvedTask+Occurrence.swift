import Foundation
import NhacViecCore

/// Which occurrences of a recurring task a command may pick by itself.
public enum OccurrenceChoice: Sendable {
    /// `done`: the one occurrence still open (not done, not lapsed).
    case open
    /// `reopen`: the one occurrence with a completion recorded.
    case done
}

extension ResolvedTask {
    /// What the command acts on: the task itself when it does not recur; for a recurring task, the occurrence named
    /// by `period` (`2027-03`), or else the only one the choice admits among those `status` shows (for `done`, the
    /// one due or past due, or else the next), so that marking March done never closes April. An invalid request names the occurrences to choose from.
    public func occurrence(_ period: String?, choice: OccurrenceChoice, configuration: Configuration,
                           ledger: any OfficeLedger, now: Date) throws(OfficeError) -> ResolvedTask {
        guard case .recurring(let recurrence) = task.due else {
            guard let period else { return self }
            let named = task.occurrence.map { "is the occurrence \($0.period) already" } ?? "does not recur"
            throw OfficeError(.invalidRequest, "task '\(task.id)' \(named): --occurrence \(period) does not apply")
        }
        let calendar = configuration.calendar
        if let period {
            guard let found = plan.task(TaskOccurrence.id(taskID: task.id, period: period), calendar: calendar) else {
                let why = recurrence.occurrence(named: period, calendar: calendar) == nil
                    ? "it has no occurrence named '\(period)' (\(recurrence.unit.rawValue)s are named like "
                        + "\(Self.example(recurrence.unit)), from \(recurrence.from.iso))"
                    : "its occurrence \(period) falls on a day off, and 'shift: skip' drops it"
                throw OfficeError(.invalidRequest, "task '\(task.id)': \(why)")
            }
            return ResolvedTask(plan: plan, task: found)
        }
        let today = LocalInstant.day(of: now, zone: plan.timeZone)
        var candidates: [PlanTask] = []
        for occurrence in OccurrenceWindow.current(of: task, today: today, calendar: calendar) {
            let key = TaskKey(planID: plan.id, taskID: occurrence.id)
            let done = try OfficeError.ledger { try ledger.doneOwners(key) }
            if Self.admits(occurrence, done: done, choice: choice, today: today) { candidates.append(occurrence) }
        }
        // `done` on the due day means the occurrence at hand, not also next month's: the next one counts only when
        // nothing is due or past due.
        let reached = candidates.filter { occurrence in
            if case .absolute(let day) = occurrence.due { return day <= today }
            return false
        }
        if choice == .open && !reached.isEmpty { candidates = reached }
        guard candidates.count == 1 else {
            let what = choice == .open ? "open" : "done"
            let listed = candidates.map { "\($0.occurrence!.period) (\($0.title))" }.joined(separator: ", ")
            throw OfficeError(.invalidRequest, candidates.isEmpty
                ? "task '\(task.id)' recurs and has no occurrence \(what) now; name one with --occurrence PERIOD"
                : "task '\(task.id)' recurs and has \(candidates.count) occurrences \(what): \(listed); "
                    + "name one with --occurrence PERIOD")
        }
        return ResolvedTask(plan: plan, task: candidates[0])
    }

    /// Whether the choice admits the occurrence: for `done`, not done and not lapsed; for `reopen`, some owner done.
    private static func admits(_ occurrence: PlanTask, done: DoneOwners, choice: OccurrenceChoice,
                               today: LocalDate) -> Bool {
        guard case .absolute(let day) = occurrence.due else { return false }
        switch choice {
        case .done: return done.pending(of: occurrence.owners).count < occurrence.owners.count
        case .open:
            let state = TaskState(timing: .due(day), isDone: done.isComplete(owners: occurrence.owners), today: today,
                                  lapses: occurrence.lapses)
            return state != .done && state != .lapsed
        }
    }

    private static func example(_ unit: RecurrenceUnit) -> String {
        switch unit {
        case .week: return "2027-W12"
        case .month: return "2027-03"
        case .quarter: return "2027-Q1"
        case .halfYear: return "2027-H1"
        case .year: return "2027"
        }
    }
}

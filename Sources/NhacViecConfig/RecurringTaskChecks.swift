import NhacViecCore

/// What `check` refuses or warns about in a recurring task beyond its rule: the parts of a task that assume one due
/// day (an event it produces, an event its reminders stop at), and reminders too long for the period.
struct RecurringTaskChecks {
    let reader: NodeReader
    /// Whether the task's `due` is a recurring rule (a mapping); a task that does not recur passes every check.
    let isRecurring: Bool
    /// The rule, when it could be read; only the words of the messages need it.
    let recurrence: Recurrence?

    /// `(every: month)`, or nothing when the rule could not be read.
    private var every: String { recurrence.map { " (every: \($0.unit.rawValue))" } ?? "" }

    /// Whether the task may have `produces`: an event has one date, and a recurring task has many occurrences.
    func allowsProduces(_ node: Node) -> Bool {
        guard isRecurring else { return true }
        let event = node.scalar?.string ?? ""
        reader.error(node, "a recurring task cannot produce '\(event)': an event has one date, while the task "
                     + "recurs\(every); make the event's task a task of its own")
        return false
    }

    /// Reports an `until` in the task's `overdue` or `escalate` (`kind`): its event has one day, after which every
    /// later occurrence would lose its reminders of that kind. `own` is the task's own value, nil when it comes from
    /// the plan's defaults, which is then reported at the task's `due`.
    func checkUntil(_ until: String?, _ kind: String, own: Node?, due: Node) {
        guard isRecurring, let until else { return }
        if let own {
            var node = own
            if case .mapping(let mapping) = own, let value = mapping.value(forKey: "until") { node = value }
            reader.error(node, "\(kind) until does not apply to a recurring task: '\(until)' has one day, while "
                         + "the task recurs\(every); leave 'until' out")
        } else {
            reader.error(due, "the defaults' \(kind) until '\(until)' does not apply to a recurring task\(every); "
                         + "give the task its own '\(kind)' without 'until', or \(kind): none")
        }
    }

    /// Warns when one occurrence's reminders, from the earliest advance one to the last overdue or escalation, span
    /// more than the shortest period: they then run into the next occurrence's.
    func checkSpan(of task: PlanTask, at node: Node) {
        guard let recurrence else { return }
        let before = task.remind.map(Self.days).max() ?? 0
        let overdue = task.overdue.map { Self.days($0.every) * $0.times } ?? 0
        let after = max(overdue, task.escalate.map { Self.days($0.after) } ?? 0)
        let unit = recurrence.unit, shortest = unit.shortestDays
        guard before + after > shortest else { return }
        let period = unit == .week ? "a week (7 days)" : "a \(unit.rawValue) (\(shortest) days at the shortest)"
        reader.warning(node, "task '\(task.id)' sends reminders from about \(before) days before each due day to about "
                       + "\(after) days after it, \(before + after) days in all, more than \(period): one occurrence's "
                       + "reminders run into the next one's; shorten remind, overdue or escalate")
    }

    /// An offset in calendar days, a working day counting as 7/5 of a day (rounded up): a week has five.
    static func days(_ offset: Offset) -> Int {
        offset.unit == .days ? offset.amount : (offset.amount * 7 + 4) / 5
    }
}

import NhacViecConfig
import NhacViecCore

/// An event's new value in its plan file's text, checked with the whole configuration: what `SetEvent` writes.
public struct EventChange: Sendable {
    /// The plan's id.
    public let plan: String
    /// The event's name.
    public let event: String
    /// The new value.
    public let value: EventValue
    let edit: EventEditor.Edit
    /// The configuration as it is with the edit in place.
    let checked: Configuration

    /// The plan file to replace.
    public var file: String { edit.file }
    /// Its new text.
    public var text: String { edit.text }
    /// The check's warnings, such as a tentative date that tasks depend on.
    public var warnings: [Diagnostic] { checked.warnings }

    /// What changed and what it means for the tasks that count from the event, one line each.
    public var report: [String] {
        let before = edit.previousDate + (edit.wasTentative ? " (dự kiến)" : "")
        let after = (value.change.date?.iso ?? "tbd") + (value.change.isTentative ? " (dự kiến)" : "")
        return ["\(edit.file): \(plan): \(event): \(before) → \(after)", consequence] + produced
            + ["A running daemon uses the new date after: systemctl reload nhacviec"]
    }

    /// The tasks that produce the event: done while it has a firm date, open again without one.
    private var produced: [String] {
        guard let edited = checked.plans.first(where: { $0.plan.id == plan })?.plan else { return [] }
        return edited.tasks.filter { $0.produces == event }.map { task in
            edited.producedCompletion(of: task) != nil
                ? "Task \(task.id) produces '\(event)': done as of \(value.change.date?.iso ?? "")."
                : "Task \(task.id) produces '\(event)': open until '\(event)' has a date that is not tentative."
        }
    }

    private var consequence: String {
        let tasks = checked.plans.first { $0.plan.id == plan }?.plan.tasks.filter { $0.due.event == event } ?? []
        let one = tasks.count == 1
        let count = one ? "1 task" : "\(tasks.count) tasks"
        if value.change.date == nil {
            return "\(count) now \(one ? "waits" : "wait") for '\(event)' and \(one ? "gets" : "get") no reminders "
                + "until it has a date."
        } else if edit.previousDate.lowercased() == "tbd" {
            return "\(count) waiting for '\(event)' \(one ? "is" : "are") now scheduled (see: nhacviec schedule)."
        }
        return "\(count) \(one ? "counts" : "count") from '\(event)'; reminders follow the new date."
    }
}

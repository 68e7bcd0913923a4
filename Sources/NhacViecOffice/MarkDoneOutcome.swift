import NhacViecCore

/// What `MarkDone` changed: the departments whose part it recorded or updated, and those still to report.
public struct MarkDoneOutcome: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// The task's title.
    public var title: String
    /// The departments whose part is newly recorded.
    public var recorded: [String] = []
    /// The departments whose part took a new document number or date.
    public var updated: [String] = []
    /// The owners still to report, once something changed.
    public var pending: [String] = []
    /// Why the calendar files could not be refreshed, when they could not.
    public var calendarWarning: String?

    /// The departments whose part changed.
    public var changed: [String] { recorded + updated }

    /// `done for vp; updated for kinh-te`.
    var changes: String {
        let parts = [recorded.isEmpty ? nil : "done for \(recorded.joined(separator: ", "))",
                     updated.isEmpty ? nil : "updated for \(updated.joined(separator: ", "))"]
        return parts.compactMap { $0 }.joined(separator: "; ")
    }

    /// The line `done` prints: `PLAN/TASK: done for vp; still to report: lanh-dao — TITLE`, or
    /// `PLAN/TASK: already done`.
    public var report: String {
        guard !changed.isEmpty else { return "\(task): already done" }
        let rest = pending.isEmpty ? "" : "; still to report: \(pending.joined(separator: ", "))"
        return "\(task): \(changes)\(rest) — \(title)"
    }
}

import ArgumentParser
import Foundation
import Logging
import NhacViecCore
import NhacViecOffice

/// `nhacviec reopen PLAN TASK`: undoes `done`, so the remaining reminders go out again.
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Mark a task, or some owner departments' parts of it, not done again; their future reminders resume.",
        discussion: "Reminders whose time passed while it was done are not sent afterwards."
    )

    @OptionGroup var options: ConfigOption
    @OptionGroup var target: TaskArguments
    @OptionGroup var departments: DepartmentOptions

    func run() throws {
        let (key, task, plan, ledger, configuration) = try target.resolve(options)
        let named = try departments.resolve(task)
        var reopened = false
        if let named {
            // A task marked done as a whole is split into its owners first, so the others stay done.
            let previous = try ledger.completions()[key] ?? []
            if let whole = previous.last(where: { $0.department == nil }) {
                _ = try ledger.reopen(key, department: nil)
                for owner in task.owners where !named.contains(owner) {
                    var kept = whole
                    kept.department = owner
                    try ledger.markDone(kept)
                }
                for completion in previous where completion.department.map({ !named.contains($0) }) ?? false {
                    try ledger.markDone(completion)
                }
                reopened = true
            }
            for department in named where try ledger.reopen(key, department: department) { reopened = true }
        } else {
            reopened = try ledger.reopen(key, department: nil)
        }
        guard reopened else {
            Output.print("\(key): was not done\n")
            return
        }
        let which = named?.joined(separator: ", ") ?? "every owner"
        Wiring.bootstrapLogging(audit: true)
        Logger(label: "nhacviec").notice("task reopened for \(which): \(task.title)", metadata: [
            "plan": .string(key.planID), "task": .string(key.taskID), "message_id": .string(JournalMessageID.taskReopened),
            "department": .string(named?.joined(separator: " ") ?? ""),
        ])
        Output.print("\(key): reopened for \(which) — \(task.title)\n")
        if let warning = CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan, departments: named ?? task.owners,
                                                          ledger: ledger, now: Date()) {
            Output.error("warning: \(warning)")
        }
    }
}

import ArgumentParser
import Logging
import NhacViecDaemon

/// `nhacviec reopen PLAN TASK`: undoes `done`, so the task's remaining reminders go out again.
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Mark a task not done again; its future reminders resume.",
        discussion: "Reminders whose time passed while it was done are not sent afterwards."
    )

    @OptionGroup var options: ConfigOption
    @OptionGroup var target: TaskArguments

    func run() throws {
        let (key, title, ledger) = try target.resolve(options)
        guard try ledger.reopen(key) else {
            Output.print("\(key): was not done\n")
            return
        }
        Wiring.bootstrapLogging(audit: true)
        Logger(label: "nhacviec").notice("task reopened: \(title)", metadata: [
            "plan": .string(key.planID), "task": .string(key.taskID), "message_id": .string(JournalMessageID.taskReopened),
        ])
        Output.print("\(key): reopened — \(title)\n")
    }
}

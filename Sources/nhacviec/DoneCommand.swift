import ArgumentParser
import Foundation
import Logging
import NhacViecCore
import NhacViecDaemon

/// `nhacviec done PLAN TASK`: records that a task is finished, so it gets no more reminders.
struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a task done: no more reminders, overdue notices or escalation for it.",
        discussion: "Safe while the daemon runs: it reads the mark before every send, without a reload."
    )

    @OptionGroup var options: ConfigOption
    @OptionGroup var target: TaskArguments
    @Option(help: "Who reports it done (default: the login name).")
    var by: String?
    @Option(help: "A short note, e.g. the document number.")
    var note: String?

    func run() throws {
        let (key, title, ledger) = try target.resolve(options)
        let who = by ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"]
        let changed = try ledger.markDone(Completion(task: key, doneAt: Date(), doneBy: who, note: note))
        guard changed else {
            Output.print("\(key): already done\n")
            return
        }
        Wiring.bootstrapLogging(audit: true)
        Logger(label: "nhacviec").notice("task marked done by \(who ?? "unknown"): \(title)", metadata: [
            "plan": .string(key.planID), "task": .string(key.taskID), "message_id": .string(JournalMessageID.taskDone),
        ])
        Output.print("\(key): done — \(title)\n")
    }
}

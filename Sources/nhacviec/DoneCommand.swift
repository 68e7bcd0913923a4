import ArgumentParser
import Foundation
import Logging
import NhacViecCore
import NhacViecDaemon

/// `nhacviec done PLAN TASK`: records that a task, or some of its owner departments' parts, is finished.
struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a task done, for every owner or for the departments named: they get no more reminders for it.",
        discussion: """
            Each owner department reports separately: with --department only that department's part is done and \
            the other owners keep their reminders; the task is done when every owner is, and an escalation names \
            only the departments still late. Without --department the whole task is done. Safe while the daemon \
            runs: it reads the marks before every send, without a reload.

            A petition (task kn-N) is answered by a document: give its number with --ref and, when it was not \
            signed today, its date with --date; 'nhacviec petitions report' judges the deadline by that date:
              nhacviec done ba-don-2025 kn-3 --ref 45/UBND-VP --date 2026-01-12
            """
    )

    @OptionGroup var options: ConfigOption
    @OptionGroup var target: TaskArguments
    @OptionGroup var departments: DepartmentOptions
    @Option(help: "Who reports it done (default: the login name).")
    var by: String?
    @Option(help: "A short note.")
    var note: String?
    @Option(help: ArgumentHelp("The number of the document that answered, e.g. 45/UBND-VP.", valueName: "NUMBER"))
    var ref: String?
    @Option(help: ArgumentHelp("The date of the written answer (default: today); a petition's deadline is judged by it.",
                               valueName: "YYYY-MM-DD"))
    var date: String?

    func validate() throws {
        if let date { _ = try DateArgument.parse(date, option: "--date") }
    }

    func run() throws {
        let (key, task, plan, ledger, configuration) = try target.resolve(options)
        let today = LocalInstant.day(of: Date(), zone: plan.timeZone)
        let answeredOn = try date.map { try DateArgument.parse($0, option: "--date") } ?? today
        if answeredOn > today { throw ValidationError("--date \(answeredOn.iso) is after today (\(today.iso))") }
        let named = try departments.resolve(task)
        let who = by ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"]
        var changed: [String] = []
        for department in named.map({ $0.map(Optional.some) }) ?? [nil] {
            let completion = Completion(task: key, department: department, doneAt: Date(), doneBy: who, note: note, ref: ref,
                                        answeredOn: answeredOn)
            if try ledger.markDone(completion) { changed.append(department ?? "every owner") }
        }
        guard !changed.isEmpty else {
            Output.print("\(key): already done\n")
            return
        }
        let complete = try ledger.doneOwners(key).isComplete(owners: task.owners)
        Wiring.bootstrapLogging(audit: true)
        var metadata: Logger.Metadata = [
            "plan": .string(key.planID), "task": .string(key.taskID), "message_id": .string(JournalMessageID.taskDone),
            "department": .string(changed.joined(separator: " ")),
        ]
        if let ref { metadata["ref"] = .string(ref) }
        metadata["answered_on"] = .string(answeredOn.iso)
        Logger(label: "nhacviec").notice("task marked done by \(who ?? "unknown") for \(changed.joined(separator: ", ")): \(task.title)",
                                         metadata: metadata)
        let rest = complete ? "" : "; still to report: \(try ledger.doneOwners(key).pending(of: task.owners).joined(separator: ", "))"
        Output.print("\(key): done for \(changed.joined(separator: ", "))\(rest) — \(task.title)\n")
        CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan, departments: named ?? task.owners,
                                         ledger: ledger, report: { Output.error("warning: \($0)") })
    }
}

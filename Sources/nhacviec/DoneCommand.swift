import ArgumentParser
import Foundation
import Logging
import NhacViecCore
import NhacViecOffice

/// `nhacviec done PLAN TASK`: records that a task, or some of its owner departments' parts, is finished.
struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark a task done, for every owner or for the departments named: they get no more reminders for it.",
        discussion: """
            Each owner department reports separately: with --department only that department's part is done and \
            the other owners keep their reminders; the task is done when every owner is, and an escalation names \
            only the departments still late. Without --department every owner's part is done. Safe while the daemon \
            runs: it reads the marks before every send, without a reload.

            The rule, the same as for replies by mail: the first report records the completion; a later one changes \
            it only when it brings new information, a --ref or --date that the record lacks or states otherwise \
            ("updated"); a plain repeat changes nothing ("already done").

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
        let stated = try date.map { try DateArgument.parse($0, option: "--date") }
        if let stated, stated > today { throw ValidationError("--date \(stated.iso) is after today (\(today.iso))") }
        let named = try departments.resolve(task)
        let who = by ?? ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"]
        var recorded: [String] = [], updated: [String] = []
        for department in named ?? task.owners {
            let report = CompletionReport(task: key, department: department, at: Date(), by: who, note: note, ref: ref,
                                          answeredOn: stated, today: today)
            switch try ledger.recordCompletion(report) {
            case .recorded: recorded.append(department)
            case .updated: updated.append(department)
            case .unchanged: break
            }
        }
        let changed = recorded + updated
        guard !changed.isEmpty else {
            Output.print("\(key): already done\n")
            return
        }
        Wiring.bootstrapLogging(audit: true)
        var metadata: Logger.Metadata = [
            "plan": .string(key.planID), "task": .string(key.taskID), "message_id": .string(JournalMessageID.taskDone),
            "department": .string(changed.joined(separator: " ")),
        ]
        if let ref { metadata["ref"] = .string(ref) }
        metadata["answered_on"] = .string((stated ?? today).iso)
        let parts = [recorded.isEmpty ? nil : "done for \(recorded.joined(separator: ", "))",
                     updated.isEmpty ? nil : "updated for \(updated.joined(separator: ", "))"].compactMap { $0 }
        Logger(label: "nhacviec").notice("task marked by \(who ?? "unknown"): \(parts.joined(separator: "; ")): \(task.title)",
                                         metadata: metadata)
        let pending = try ledger.doneOwners(key).pending(of: task.owners)
        let rest = pending.isEmpty ? "" : "; still to report: \(pending.joined(separator: ", "))"
        Output.print("\(key): \(parts.joined(separator: "; "))\(rest) — \(task.title)\n")
        if let warning = CalendarFiles.refreshAfterChange(configuration: configuration, plan: plan, departments: changed,
                                                          ledger: ledger, now: Date()) {
            Output.error("warning: \(warning)")
        }
    }
}

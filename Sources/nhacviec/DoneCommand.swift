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
        let (task, ledger, configuration) = try target.resolve(options, choice: .open)
        let environment = ProcessInfo.processInfo.environment
        let request = MarkDone.Request(task: task, departments: departments.departments,
                                       by: by ?? environment["SUDO_USER"] ?? environment["USER"], note: note, ref: ref,
                                       answeredOn: try date.map { try DateArgument.parse($0, option: "--date") })
        // Only an audit line is logged, and to the journal whenever there is one.
        Wiring.bootstrapLogging(audit: true)
        let outcome = try Output.request {
            try MarkDone(configuration: configuration, ledger: ledger, logger: Logger(label: "nhacviec"), now: Date())
                .run(request)
        }
        Output.print(outcome.report + "\n")
        if let warning = outcome.calendarWarning { Output.error("warning: \(warning)") }
    }
}

import ArgumentParser
import Foundation
import Logging
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
        let (task, ledger, configuration) = try target.resolve(options, choice: .done)
        // Only an audit line is logged, and to the journal whenever there is one.
        Wiring.bootstrapLogging(audit: true)
        let outcome = try Output.request {
            try Reopen(configuration: configuration, ledger: ledger, logger: Logger(label: "nhacviec"), now: Date())
                .run(task, departments: departments.departments)
        }
        Output.print(outcome.report + "\n")
        if let warning = outcome.calendarWarning { Output.error("warning: \(warning)") }
    }
}

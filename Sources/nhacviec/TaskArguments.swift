import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import NhacViecStore

/// `PLAN TASK`, checked against the configuration, plus the ledger to act on.
struct TaskArguments: ParsableArguments {
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Argument(help: "The task id; for one occurrence of a recurring task, TASK+PERIOD as status shows it.")
    var task: String
    @Option(help: ArgumentHelp("""
        The occurrence of a recurring task, by its period: 2027-03, 2027-Q1, 2027-H1, 2027 or 2027-W12. Without it, \
        the command acts only when exactly one occurrence fits (done: the one open and due or past due, else the \
        next; reopen: the one done), and otherwise lists them.
        """, valueName: "PERIOD"))
    var occurrence: String?

    /// The task (or the occurrence of a recurring task) after checking that it exists; the ledger and the
    /// configuration.
    func resolve(_ options: ConfigOption, choice: OccurrenceChoice) throws
        -> (task: ResolvedTask, ledger: SQLiteLedger, configuration: Configuration) {
        let configuration = try options.load(scheduleWarnings: false)
        let named = try Output.request { try ResolvedTask(TaskKey(planID: plan, taskID: task), in: configuration) }
        let database: AppDatabase
        do { database = try AppDatabase.openForClient(path: configuration.settings.statePath) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        let ledger = SQLiteLedger(database: database)
        let found = try Output.request {
            try named.occurrence(occurrence, choice: choice, configuration: configuration, ledger: ledger, now: Date())
        }
        return (found, ledger, configuration)
    }
}

/// `--department ID`, repeatable; the use case checks each against the task's owners.
struct DepartmentOptions: ParsableArguments {
    @Option(name: .customLong("department"), help: ArgumentHelp("Only this owner department (repeatable); default: every owner.", valueName: "ID"))
    var departments: [String] = []
}

import ArgumentParser
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import NhacViecStore

/// `PLAN TASK`, checked against the configuration, plus the ledger to act on.
struct TaskArguments: ParsableArguments {
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Argument(help: "The task id.")
    var task: String

    /// The task, after checking that the plan and task exist; the ledger and the configuration.
    func resolve(_ options: ConfigOption) throws
        -> (task: ResolvedTask, ledger: SQLiteLedger, configuration: Configuration) {
        let configuration = try options.load(scheduleWarnings: false)
        let found = try Output.request { try ResolvedTask(TaskKey(planID: plan, taskID: task), in: configuration) }
        let database: AppDatabase
        do { database = try AppDatabase.openForClient(path: configuration.settings.statePath) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        return (found, SQLiteLedger(database: database), configuration)
    }
}

/// `--department ID`, repeatable; the use case checks each against the task's owners.
struct DepartmentOptions: ParsableArguments {
    @Option(name: .customLong("department"), help: ArgumentHelp("Only this owner department (repeatable); default: every owner.", valueName: "ID"))
    var departments: [String] = []
}

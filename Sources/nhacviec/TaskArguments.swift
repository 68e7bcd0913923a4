import ArgumentParser
import NhacViecConfig
import NhacViecCore
import NhacViecStore

/// `PLAN TASK`, checked against the configuration, plus the ledger to act on.
struct TaskArguments: ParsableArguments {
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Argument(help: "The task id.")
    var task: String

    /// The task's key, after checking that the plan and task exist; and the ledger of the configuration.
    func resolve(_ options: ConfigOption) throws -> (key: TaskKey, title: String, ledger: SQLiteLedger) {
        let configuration = try options.load(scheduleWarnings: false)
        guard let loaded = configuration.plans.first(where: { $0.plan.id == plan }) else {
            throw ValidationError("no plan '\(plan)'; plans: \(configuration.plans.map(\.plan.id).joined(separator: ", "))")
        }
        guard let found = loaded.plan.task(task) else {
            throw ValidationError("plan '\(plan)' has no task '\(task)'; tasks: \(loaded.plan.tasks.map(\.id).joined(separator: ", "))")
        }
        let database: AppDatabase
        do { database = try AppDatabase.openForClient(path: configuration.settings.statePath) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        return (TaskKey(planID: plan, taskID: task), found.title, SQLiteLedger(database: database))
    }
}

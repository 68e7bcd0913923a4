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

    /// The task's key and the task, after checking that the plan and task exist; the ledger and the configuration.
    func resolve(_ options: ConfigOption) throws
        -> (key: TaskKey, task: PlanTask, plan: Plan, ledger: SQLiteLedger, configuration: Configuration) {
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
        return (TaskKey(planID: plan, taskID: task), found, loaded.plan, SQLiteLedger(database: database), configuration)
    }
}

/// `--department ID`, repeatable, checked against the task's owners.
struct DepartmentOptions: ParsableArguments {
    @Option(name: .customLong("department"), help: ArgumentHelp("Only this owner department (repeatable); default: every owner.", valueName: "ID"))
    var departments: [String] = []

    /// The departments named, after checking each owns the task; nil when none was named.
    func resolve(_ task: PlanTask) throws -> [String]? {
        guard !departments.isEmpty else { return nil }
        for id in departments where !task.owners.contains(id) {
            throw ValidationError("'\(id)' is not an owner of task '\(task.id)'; owners: \(task.owners.joined(separator: ", "))")
        }
        return departments
    }
}

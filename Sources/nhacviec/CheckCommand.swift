import ArgumentParser
import NhacViecConfig

/// `nhacviec check`: validates the main file and every plan, like `nginx -t`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the main file and every plan; print every problem as FILE:LINE:COLUMN.",
        discussion: "Exits 1 if there is any error, 0 otherwise (warnings alone still exit 0)."
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        let configuration = try options.load()
        let tasks = configuration.plans.reduce(0) { $0 + $1.plan.tasks.count }
        let warnings = configuration.warnings.filter { $0.severity == .warning }.count
        Output.print("\(options.config): OK: \(configuration.plans.count) plan\(configuration.plans.count == 1 ? "" : "s"), \(tasks) task\(tasks == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
    }
}

import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore

/// The `--config` option shared by every subcommand that reads the configuration.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The main configuration file.", valueName: "FILE"))
    var config: String = ProcessInfo.processInfo.environment["NHACVIEC_CONFIG"] ?? "/etc/nhacviec/nhacviec.yaml"

    /// Loads and validates everything; on errors prints them all and exits with `failureCode`.
    /// Provisional-holiday warnings are for `check` and `run`; other commands skip that pass.
    func load(failureCode: Int32 = 1, scheduleWarnings: Bool = true,
              planCache: (@Sendable (MainSettings) -> PlanCache?)? = Wiring.readOnlyPlanCache) throws -> Configuration {
        do {
            let configuration = try Wiring.loader(scheduleWarnings: scheduleWarnings, planCache: planCache).load(mainFile: config)
            Output.diagnostics(configuration.warnings)
            return configuration
        } catch let error as ConfigurationError {
            Output.diagnostics(error.diagnostics)
            let count = error.diagnostics.filter { $0.severity == .error }.count
            Output.error("\(count) error\(count == 1 ? "" : "s") in the configuration; nothing was changed")
            throw ExitCode(failureCode)
        }
    }
}

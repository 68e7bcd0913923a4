import ArgumentParser
import Foundation
import NhacViecOffice

/// `nhacviec event PLAN EVENT DATE|tbd`: sets an event's date in its plan file, in place.
struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Set an event's date (or tbd) in its plan file, keeping every comment and the layout.",
        discussion: """
            Finds the file of plan PLAN in the plans directory and changes only the value of EVENT under \
            'events:'. In the long form ({date: ..., tentative: ..., time: ..., place: ...}) only 'date' and \
            'tentative' change. A short value (conference: 2025-12-19) becomes the long form only with --tentative.

            The whole configuration is checked with the edited text first; if it would not pass 'nhacviec check', \
            the problems are printed and nothing is written. The file is replaced atomically and keeps its owner, \
            group and mode. A running daemon picks the change up on 'systemctl reload nhacviec'.

            Examples:
              nhacviec event ba-don-2025 conference 2025-12-19 --tentative
              nhacviec event ba-don-2025 conclusion 2025-12-24
              nhacviec event ba-don-2025 conclusion tbd
            """
    )

    @OptionGroup var options: ConfigOption
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Argument(help: "The event's name, as written under 'events:'.")
    var event: String
    @Argument(help: ArgumentHelp("The new date, YYYY-MM-DD, or tbd while it is not announced.", valueName: "DATE|tbd"))
    var date: String
    @Flag(help: "Mark the date as provisional (dự kiến): reminders go out, and check warns about it.")
    var tentative = false

    func validate() throws {
        _ = try Output.request { try EventValue(date, tentative: tentative) }
    }

    func run() throws {
        let current = try options.load(scheduleWarnings: false)
        let setEvent = SetEvent(configuration: current, check: { [options] in
            try Wiring.loader(source: $0).load(mainFile: options.config)
        })
        // Only what the change brings: the warnings the configuration already had are check's to show, not again here.
        let before = Set((try? Wiring.loader().load(mainFile: options.config))?.warnings.map(\.description) ?? [])
        try Output.edit {
            let change = try setEvent.prepare(plan: plan, event: event, to: try EventValue(date, tentative: tentative))
            Output.diagnostics(change.warnings.filter { !before.contains($0.description) })
            try setEvent.write(change)
            Output.print(change.report.map { $0 + "\n" }.joined())
        }
    }
}

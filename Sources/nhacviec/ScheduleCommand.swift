import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecOutput

/// `nhacviec schedule`: every reminder that would be sent in a window, in time order.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Preview every reminder that would be sent between two dates, in time order.",
        discussion: """
            JSON output is one object per line with the keys plan, task, kind (advance, due, overdue, escalation), \
            due, at and to. Tasks waiting for an event still marked tbd follow, with kind "waiting" and the event. Weekly digests are \
            lines with kind "digest", at, to (the one address), week and tasks (how many it would list, none done); \
            a week with nothing to list is not sent and not shown.
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: ArgumentHelp("First day to show (YYYY-MM-DD); default: today.", valueName: "DATE"))
    var from: String?
    @Option(help: ArgumentHelp("Last day to show (YYYY-MM-DD); default: no limit.", valueName: "DATE"))
    var to: String?
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func run() throws {
        let fromDate = try from.map { try DateArgument.parse($0, option: "--from") }
            ?? LocalInstant.day(of: Date(), zone: TimeZone.vietnam)
        let toDate = try to.map { try DateArgument.parse($0, option: "--to") }
        // Built in a closure so that the configuration is released before the output is written.
        let preview = try { () throws -> SchedulePreview in
            let configuration = try options.load(scheduleWarnings: false)
            return SchedulePreview(plans: configuration.plans.map(\.plan), calendar: configuration.calendar, from: fromDate, to: toDate)
        }()
        if format == .json {
            preview.writeJSONLines { bytes in FileHandle.standardOutput.write(Data(bytes)) }
        } else {
            Output.print(preview.table())
        }
    }
}

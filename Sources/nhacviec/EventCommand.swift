import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
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
        if date.lowercased() == "tbd" {
            if tentative { throw ValidationError("--tentative needs a date: 'tbd' cannot be tentative") }
        } else if LocalDate(iso: date) == nil {
            throw ValidationError("DATE must be written YYYY-MM-DD, or be tbd, not '\(date)'")
        }
    }

    func run() throws {
        let current = try options.load(scheduleWarnings: false)
        let change = EventEditor.Change(date: LocalDate(iso: date), isTentative: tentative)
        let edit = try fail { try EventEditor(files: current.plans.map { ($0.file, try read($0.file)) })
                                  .edit(plan: plan, event: event, to: change) }
        let edited = try check(edit)
        try fail { try AtomicFileWriter.replace(edit.file, with: edit.text) }
        report(edit, change: change, in: edited)
    }

    private func read(_ file: String) throws -> String {
        try DiskConfigurationSource().read(file)
    }

    /// The configuration as it would be after the edit; on any error, prints them all and exits 1.
    private func check(_ edit: EventEditor.Edit) throws -> Configuration {
        let source = OverlayConfigurationSource(base: DiskConfigurationSource(), files: [edit.file: edit.text])
        do {
            let configuration = try Wiring.loader(source: source).load(mainFile: options.config)
            Output.diagnostics(configuration.warnings)
            return configuration
        } catch let error as ConfigurationError {
            Output.diagnostics(error.diagnostics)
            Output.error("nhacviec: with \(event) set to \(date), the configuration would not pass check; nothing was written")
            throw ExitCode(1)
        }
    }

    private func report(_ edit: EventEditor.Edit, change: EventEditor.Change, in configuration: Configuration) {
        let before = edit.previousDate + (edit.wasTentative ? " (dự kiến)" : "")
        let after = (change.date?.iso ?? "tbd") + (change.isTentative ? " (dự kiến)" : "")
        Output.print("\(edit.file): \(plan): \(event): \(before) → \(after)\n")
        let tasks = configuration.plans.first { $0.plan.id == plan }?.plan.tasks.filter { $0.due.event == event } ?? []
        let one = tasks.count == 1
        let count = one ? "1 task" : "\(tasks.count) tasks"
        if change.date == nil {
            Output.print("\(count) now \(one ? "waits" : "wait") for '\(event)' and \(one ? "gets" : "get") no reminders until it has a date.\n")
        } else if edit.previousDate.lowercased() == "tbd" {
            Output.print("\(count) waiting for '\(event)' \(one ? "is" : "are") now scheduled (see: nhacviec schedule).\n")
        } else {
            Output.print("\(count) \(one ? "counts" : "count") from '\(event)'; reminders follow the new date.\n")
        }
        Output.print("A running daemon uses the new date after: systemctl reload nhacviec\n")
    }

    /// Runs a step; on failure prints why and exits 1.
    private func fail<T>(_ step: () throws -> T) throws -> T {
        do { return try step() } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
    }
}

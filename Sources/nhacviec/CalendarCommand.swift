import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import NhacViecOutput
import NhacViecStore

/// `nhacviec calendar`: the deadlines as iCalendar, on standard output or as files to subscribe to.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Write a plan's deadlines as an iCalendar (.ics): one all-day event per task on its due day.",
        discussion: """
            With PLAN, writes that plan's calendar (or, with --department, the department's: the tasks it owns) to \
            standard output. With --output-dir DIR, writes PLAN.ics and PLAN.DEPARTMENT.ics for every plan (or for \
            PLAN only) into DIR, each atomically with mode 0644. Each advance reminder is an alarm; a task done is \
            shown with "✓ " before its title and the category "Hoàn thành" (in a department's calendar once that \
            department reported, in the plan's once every owner did); a date that depends on a tentative event is \
            STATUS:TENTATIVE; a task waiting for an event still tbd is left out. A recurring task is one event per \
            occurrence due from a year before today to a year after it. With calendar-dir in the main file, \
            the daemon keeps these files up to date by itself. See docs/operations.md, "Calendars".
            """
    )

    @OptionGroup var options: ConfigOption
    @Argument(help: "The plan id (plan.id in its file); optional with --output-dir.")
    var plan: String?
    @Option(help: ArgumentHelp("Only the tasks this department owns.", valueName: "ID"))
    var department: String?
    @Option(help: ArgumentHelp("Write PLAN.ics and PLAN.DEPARTMENT.ics into this directory instead.", valueName: "DIR"))
    var outputDir: String?

    func validate() throws {
        if outputDir == nil && plan == nil { throw ValidationError("name a plan, or give --output-dir DIR for every plan") }
        if outputDir != nil && department != nil {
            throw ValidationError("--department is for standard output; --output-dir writes every department's file")
        }
    }

    func run() throws {
        let configuration = try options.load(scheduleWarnings: false)
        let plans = configuration.plans.map(\.plan)
        if let plan, !plans.contains(where: { $0.id == plan }) {
            throw ValidationError("no plan '\(plan)'; plans: \(plans.map(\.id).joined(separator: ", "))")
        }
        let completions = try Self.completions(configuration)
        if let outputDir {
            do {
                let names = try CalendarFiles(configuration: configuration, directory: outputDir)
                    .writeAll(plan: plan, completions: completions, now: Date())
                Output.error("\(outputDir): wrote \(names.count) calendar file\(names.count == 1 ? "" : "s")")
            } catch {
                Output.error("nhacviec: \(error)")
                throw ExitCode(1)
            }
            return
        }
        let found = plans.first { $0.id == plan }!
        if let department, found.department(department) == nil {
            throw ValidationError("plan '\(found.id)' has no department '\(department)'; departments: "
                                  + found.departments.map(\.id).joined(separator: ", "))
        }
        let now = Date()
        let builder = TaskCalendarBuilder(calendar: configuration.calendar, repliesByMail: configuration.settings.replyTo != nil,
                                          now: now)
        Output.print(ICalendarWriter.render(builder.calendar(for: found, department: department, completions: completions),
                                            stamp: now))
    }

    /// The completions in the ledger; none, with a note, when the daemon has not created the ledger yet.
    static func completions(_ configuration: Configuration) throws -> [TaskKey: [Completion]] {
        do {
            return try SQLiteLedger(database: try AppDatabase.openForClient(path: configuration.settings.statePath)).completions()
        } catch let error as StoreError where [.missing, .missingDirectory, .notMigrated].contains(error.code) {
            Output.error("note: no ledger yet (\(error)); no task is shown done")
            return [:]
        } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
    }
}

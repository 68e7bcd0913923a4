import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOutput
import NhacViecStore

/// `nhacviec petitions report PLAN`: every petition's state, the annex an office sends to the higher level.
struct PetitionsReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "List every petition of a plan with its state and answer, then the totals per department.",
        discussion: """
            States: answered on time, answered late (the answer's date after the deadline), pending, overdue (not \
            answered, deadline passed), waiting (the deadline counts from an event still tbd). The answer's date \
            is the one given to 'done --date', or the day it was marked or replied. Working days late count the \
            working days after the deadline up to the answer, or up to the report's day for one not answered.

            Formats:
              table  (default) one line per petition, then the totals per department
              csv    the annex for LibreOffice or Excel: UTF-8 with a byte-order mark, every field quoted, CRLF; \
            headings STT, Nội dung kiến nghị, Người kiến nghị, Đơn vị trả lời (the department's name), Hạn trả lời, \
            Tình trạng, Văn bản trả lời, Ngày trả lời, Số ngày làm việc quá hạn; dates as dd/mm/yyyy
              json   one object per line: number, content, raised_by, department, due, state (answered-on-time, \
            answered-late, pending, overdue, waiting), answer_ref, answered_on, working_days_late

            Examples:
              nhacviec petitions report ba-don-2025
              nhacviec petitions report ba-don-2025 --format csv > phu-luc-kien-nghi.csv
              nhacviec petitions report ba-don-2025 --state /tmp/rehearsal/state.sqlite --as-of 2026-02-28
            """
    )

    @OptionGroup var options: ConfigOption
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Option(help: "Output format: table, csv or json.")
    var format: ReportFormat = .table
    @Option(help: ArgumentHelp("Read this ledger instead of the configuration's state file (e.g. a rehearsal's).", valueName: "FILE"))
    var state: String?
    @Option(help: ArgumentHelp("Judge pending and overdue as of this day (YYYY-MM-DD); default: today.", valueName: "DATE"))
    var asOf: String?

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    func run() throws {
        let configuration = try options.load(scheduleWarnings: false)
        guard let loaded = configuration.plans.first(where: { $0.plan.id == plan }) else {
            throw ValidationError("no plan '\(plan)'; plans: \(configuration.plans.map(\.plan.id).joined(separator: ", "))")
        }
        guard let petitions = loaded.petitions else {
            Output.error("nhacviec: plan '\(plan)' has no petitions file; import one with: nhacviec petitions import \(plan) FILE.csv")
            throw ExitCode(1)
        }
        let today = try asOf.map { try DateArgument.parse($0, option: "--as-of") }
            ?? LocalInstant.day(of: Date(), zone: loaded.plan.timeZone)
        let report = PetitionReport(plan: loaded.plan, petitions: petitions.petitions, calendar: configuration.calendar,
                                    completions: try completions(configuration), today: today)
        switch format {
        case .table: Output.print(report.table())
        case .csv: FileHandle.standardOutput.write(Data(report.csv))
        case .json: Output.print(report.jsonLines)
        }
    }

    /// The ledger's completions; none when the configuration's ledger does not exist yet (the daemon never ran).
    private func completions(_ configuration: Configuration) throws -> [TaskKey: [Completion]] {
        let path = state ?? configuration.settings.statePath
        if state == nil && !FileManager.default.fileExists(atPath: path) {
            Output.error("nhacviec: no ledger at \(path) yet: no petition is answered")
            return [:]
        }
        do { return try SQLiteLedger(database: try AppDatabase.openForClient(path: path)).completions() } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
    }
}

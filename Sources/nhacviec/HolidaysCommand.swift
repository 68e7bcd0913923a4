import ArgumentParser
import Foundation
import NhacViecCore
import NhacViecOutput

/// `nhacviec holidays YEAR`: the days off and make-up working days of a year.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the weekdays off and the make-up working days of a year, official or provisional.",
        discussion: """
            A year listed under 'holidays:' in the main file is official; any other year is computed from \
            Labour Code 2019 art. 112 and the Vietnamese lunar calendar (UTC+7), and is provisional.
            """
    )

    @OptionGroup var options: ConfigOption
    @Argument(help: "The year, 1968-2100.")
    var year: Int
    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard (StatutoryHolidays.firstYear...StatutoryHolidays.lastYear).contains(year) else {
            throw ValidationError("YEAR must be from \(StatutoryHolidays.firstYear) to \(StatutoryHolidays.lastYear)")
        }
    }

    func run() throws {
        // Without a main file there are no official tables: show the computed year rather than fail.
        let hasMainFile = FileManager.default.fileExists(atPath: options.config)
        let calendar = hasMainFile ? try options.load(scheduleWarnings: false).calendar : WorkingCalendar()
        if !hasMainFile { Output.error("nhacviec: \(options.config) not found; showing the computed (provisional) holidays only") }
        let days = calendar.exceptions(year: year).filter { !$0.off || !$0.date.isWeekend }
        if format == .json {
            Output.print(days.map { day in
                "{\"date\":\"\(day.date.iso)\",\"name\":\(JSONText.quote(day.name)),\"off\":\(day.off),\"source\":\"\(day.source.rawValue)\"}\n"
            }.joined())
            return
        }
        let rows = days.map { day in
            [day.date.iso, VietnameseText.weekday(day.date), day.off ? "nghỉ" : "làm bù", day.source.rawValue, day.name]
        }
        Output.print(TextTable.render([["DATE", "WEEKDAY", "DAY", "SOURCE", "NAME"]] + rows))
        if !calendar.isOfficial(year: year) {
            Output.print("\n\(year) has no official schedule in the main file: these days are computed and may change.\n")
        }
    }
}

import ArgumentParser
import Foundation
import NhacViecOffice
import NhacViecStore

/// `nhacviec petitions import PLAN FILE.csv`: the spreadsheet's petitions into the plan's petitions file.
struct PetitionsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import petitions from a UTF-8 CSV file into plans.d/PLAN.kien-nghi.yaml (all or nothing).",
        discussion: """
            FILE is RFC 4180 CSV in UTF-8 (a byte-order mark is allowed: a spreadsheet's "CSV UTF-8" export), with a \
            header row naming the columns in any order, in English or as an office types them, in any case, with or \
            without diacritics:
              so               STT, TT, Số TT, Số thứ tự       the petition's number (1, 2, …): its task is kn-NUMBER
              noi-dung         Nội dung kiến nghị, Nội dung    what it asks (line breaks allowed)
              nguoi-kien-nghi  Người kiến nghị, Cử tri         who raised it (optional)
              don-vi           Đơn vị trả lời, Đơn vị          the answering department: its id or its name
              han              Hạn trả lời, Thời hạn           the deadline
            A department is its id (kinh-te) or its name as the plan writes it, without diacritics or case if need \
            be; a part of a name that fits one department only is enough (Phòng Kinh tế). A deadline is \
            "15 ngày làm việc" or "10 ngày" (counted from the plan's Conclusion Notice event: conclusion + 15wd, \
            conclusion + 10d), a date 30/01/2026 or 5/1/2026, or a task's due: conclusion + 15wd, 2026-01-30. The \
            petitions file stores ids and due rules.

            All or nothing: every problem is printed, in Vietnamese, as FILE:ROW:COLUMN: error: … (ROW is the line \
            where the record starts, the header being line 1; COLUMN is the field's number) and nothing is written.

            Importing again (a corrected spreadsheet) updates petitions by number: a petition keeps its task id \
            and with it its done mark. A petition missing from the new file is removed, unless it is already \
            answered: that is refused without --force. The result is checked like 'nhacviec check' before it \
            replaces the old file atomically (owner, group and mode kept; a new file takes the plan file's). \
            Then: systemctl reload nhacviec.

            Examples:
              nhacviec petitions import ba-don-2025 kien-nghi.csv --dry-run
              nhacviec petitions import ba-don-2025 kien-nghi.csv
            """
    )

    @OptionGroup var options: ConfigOption
    @Argument(help: "The plan id (plan.id in its file).")
    var plan: String
    @Argument(help: ArgumentHelp("The CSV file (UTF-8, header row).", valueName: "FILE.csv"))
    var file: String
    @Flag(help: "Print what would change (added, changed, removed, by number) and write nothing.")
    var dryRun = false
    @Flag(help: "Remove petitions missing from FILE even when they are already answered.")
    var force = false

    func run() throws {
        let configuration = try options.load(scheduleWarnings: false)
        let importer = PetitionImport(configuration: configuration, openLedger: {
            let path = configuration.settings.statePath
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return SQLiteLedger(database: try AppDatabase.openForClient(path: path))
        }, check: { [options] in
            try Wiring.loader(scheduleWarnings: false, source: $0).load(mainFile: options.config)
        })
        try Output.edit {
            let proposal = try importer.propose(plan: plan, file: file)
            Output.print(proposal.lines(dryRun: dryRun).map { $0 + "\n" }.joined())
            Output.print(try importer.write(proposal, force: force, dryRun: dryRun) + "\n")
        }
    }
}

import ArgumentParser
import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import NhacViecStore

/// `nhacviec petitions import PLAN FILE.csv`: the spreadsheet's petitions into the plan's petitions file.
struct PetitionsImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import petitions from a UTF-8 CSV file into plans.d/PLAN.kien-nghi.yaml (all or nothing).",
        discussion: """
            FILE is RFC 4180 CSV in UTF-8 (a byte-order mark is allowed: a spreadsheet's "CSV UTF-8" export), with a \
            header row naming the columns in any order, in English or as an office types them, in any case:
              so               Số TT                the petition's number (1, 2, …): its task is kn-NUMBER
              noi-dung         Nội dung kiến nghị   what it asks (line breaks allowed)
              nguoi-kien-nghi  Người kiến nghị      who raised it: a resident, a residential group (optional)
              don-vi           Đơn vị trả lời       the id of the answering department in the plan
              han              Hạn trả lời          the deadline, like a task's due: conclusion + 15wd, 2026-01-30

            All or nothing: every problem is printed as FILE:ROW:COLUMN: error: … (ROW is the line where the \
            record starts, the header being line 1; COLUMN is the field's number) and nothing is written.

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
        guard let loaded = configuration.plans.first(where: { $0.plan.id == plan }) else {
            let ids = configuration.plans.map(\.plan.id)
            throw ValidationError("no plan '\(plan)'; plans: \(ids.joined(separator: ", "))")
        }
        let imported = try readSpreadsheet(for: loaded)
        let current = loaded.petitions?.petitions ?? []
        let merge = PetitionMerge.merge(current: current, imported: imported, answered: try answeredNumbers(configuration))
        let target = loaded.petitions?.file
            ?? PetitionFileWriter.path(plansDirectory: configuration.settings.plansDirectory, plan: plan)
        let text = try newText(target: target, existing: loaded.petitions != nil, loaded: loaded, petitions: merge.result)
        printChanges(merge, current: current)
        if !merge.removedAnswered.isEmpty && !force {
            Output.error("nhacviec: petition\(merge.removedAnswered.count == 1 ? "" : "s") \(Self.numbers(merge.removedAnswered)) "
                         + "\(merge.removedAnswered.count == 1 ? "is" : "are") already answered and not in \(file); "
                         + "nothing was written. Add \(merge.removedAnswered.count == 1 ? "it" : "them") back, or remove with --force")
            throw ExitCode(1)
        }
        try check(target: target, text: text)
        if dryRun {
            Output.print("--dry-run: nothing was written to \(target)\n")
            return
        }
        if merge.isEmpty && loaded.petitions != nil {
            Output.print("\(target): no change\n")
            return
        }
        do { try AtomicFileWriter.replace(target, with: text, model: loaded.file) } catch {
            Output.error("nhacviec: \(error)")
            throw ExitCode(1)
        }
        Output.print("\(target): \(merge.result.count) petitions written (tasks kn-N of \(plan)). "
                     + "A running daemon uses them after: systemctl reload nhacviec\n")
    }

    /// The petitions of the CSV file; on any problem prints them all and exits 1.
    private func readSpreadsheet(for loaded: LoadedPlan) throws -> [Petition] {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            Output.error("nhacviec: cannot read \(file): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        let records: [CSVRecord]
        do { records = try CSVReader.read(bytes) } catch {
            Output.error(Diagnostic(file: file, line: error.line, column: error.column, message: error.message).description)
            Output.error("nhacviec: \(file) cannot be imported; nothing was written")
            throw ExitCode(1)
        }
        // The plan's own tasks: a petition number must not take one of their ids.
        let fromPetitions = Set(loaded.petitions?.petitions.map(\.taskID) ?? [])
        let ownTasks = Set(loaded.plan.tasks.map(\.id)).subtracting(fromPetitions)
        let table = PetitionTable(records: records, file: file, plan: loaded.plan, planTaskIDs: ownTasks)
        guard table.diagnostics.isEmpty else {
            Output.diagnostics(table.diagnostics)
            let count = table.diagnostics.count
            Output.error("nhacviec: \(count) error\(count == 1 ? "" : "s") in \(file); nothing was written")
            throw ExitCode(1)
        }
        return table.petitions
    }

    /// The numbers of the plan's petitions that the ledger has a done mark for; none when there is no ledger yet.
    private func answeredNumbers(_ configuration: Configuration) throws -> Set<Int> {
        let path = configuration.settings.statePath
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            let completions = try SQLiteLedger(database: try AppDatabase.openForClient(path: path)).completions()
            return Set(completions.keys.filter { $0.planID == plan }.compactMap { Petition.number(ofTaskID: $0.taskID) })
        } catch {
            Output.error("nhacviec: cannot read which petitions are answered: \(error)")
            throw ExitCode(1)
        }
    }

    private func newText(target: String, existing: Bool, loaded: LoadedPlan, petitions: [Petition]) throws -> String {
        let source = (file as NSString).lastPathComponent
        guard existing else { return PetitionFileWriter.newFile(plan: loaded.plan, petitions: petitions, source: source) }
        let old: String
        do { old = try DiskConfigurationSource().read(target) } catch {
            Output.error("nhacviec: cannot read \(target): \(error)")
            throw ExitCode(1)
        }
        guard let text = PetitionFileWriter.replacingList(in: old, with: petitions) else {
            Output.error("nhacviec: \(target) has no top-level 'petitions:' key at the start of a line to replace; nothing was written")
            throw ExitCode(1)
        }
        return text
    }

    /// Loads the configuration with the new file in place of the old; on any error prints them and exits 1.
    private func check(target: String, text: String) throws {
        let source = OverlayConfigurationSource(base: DiskConfigurationSource(), files: [target: text])
        do {
            _ = try Wiring.loader(scheduleWarnings: false, source: source).load(mainFile: options.config)
        } catch let error as ConfigurationError {
            Output.diagnostics(error.diagnostics)
            Output.error("nhacviec: with these petitions the configuration would not pass check; nothing was written")
            throw ExitCode(1)
        }
    }

    private func printChanges(_ merge: PetitionMerge, current: [Petition]) {
        let byNumber = Dictionary(current.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(merge.result.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for number in merge.added { if let p = new[number] { lines.append("+ \(number)  \(p.department)  \(p.due)  \(Self.short(p.content))") } }
        for number in merge.changed {
            guard let old = byNumber[number], let p = new[number] else { continue }
            var what: [String] = []
            if old.content != p.content { what.append("noi-dung") }
            if old.raisedBy != p.raisedBy { what.append("nguoi-kien-nghi") }
            if old.department != p.department { what.append("don-vi \(old.department) → \(p.department)") }
            if old.due != p.due { what.append("han \(old.due) → \(p.due)") }
            let moved = merge.answeredMoved.contains(number) ? " (answered by \(old.department): its answer no longer covers \(p.department))" : ""
            lines.append("~ \(number)  \(what.joined(separator: ", "))\(moved)")
        }
        for number in merge.removed {
            let answered = merge.removedAnswered.contains(number) ? " (already answered)" : ""
            lines.append("- \(number)  \(byNumber[number].map { Self.short($0.content) } ?? "")\(answered)")
        }
        if dryRun || lines.count <= 50 { Output.print(lines.map { $0 + "\n" }.joined()) }
        Output.print("\(merge.added.count) added, \(merge.changed.count) changed, \(merge.removed.count) removed, "
                     + "\(merge.unchanged) unchanged\(merge.added.isEmpty ? "" : ": added \(Self.numbers(merge.added))")"
                     + "\(merge.changed.isEmpty ? "" : "; changed \(Self.numbers(merge.changed))")"
                     + "\(merge.removed.isEmpty ? "" : "; removed \(Self.numbers(merge.removed))")\n")
    }

    /// `1-5, 8, 10-12`.
    static func numbers(_ list: [Int]) -> String {
        let sorted = list.sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }

    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count <= 60 ? line : String(line.prefix(59)) + "…"
    }
}

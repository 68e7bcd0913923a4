import Foundation
import NhacViecConfig
import NhacViecCore

/// The petitions of a CSV file, read against the plan they go into; every problem at once, with its place, in
/// Vietnamese for the office that typed the file.
struct PetitionSpreadsheet {
    /// The file's path, as given: what the diagnostics name.
    let file: String
    let loaded: LoadedPlan

    /// The file's name without its directory, as the new petitions file records its source.
    var name: String { (file as NSString).lastPathComponent }

    /// The petitions; an `.invalidInput` error with a diagnostic for each problem otherwise.
    func petitions() throws(OfficeError) -> [Petition] {
        let bytes: [UInt8]
        do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
            throw OfficeError(.invalidInput, "không đọc được \(file): \(error.localizedDescription)")
        }
        let records: [CSVRecord]
        do { records = try CSVReader.read(bytes) } catch {
            let diagnostic = Diagnostic(file: file, line: error.line, column: error.column, message: error.message)
            throw OfficeError(.invalidInput, "không nhập được \(file); chưa ghi gì",
                              diagnostics: [diagnostic])
        }
        // The plan's own tasks: a petition number must not take one of their ids.
        let fromPetitions = Set(loaded.petitions?.petitions.map(\.taskID) ?? [])
        let ownTasks = Set(loaded.plan.tasks.map(\.id)).subtracting(fromPetitions)
        let table = PetitionTable(records: records, file: file, plan: loaded.plan, planTaskIDs: ownTasks)
        guard table.diagnostics.isEmpty else {
            throw OfficeError(.invalidInput, "\(table.diagnostics.count) lỗi trong \(file); chưa ghi gì",
                              diagnostics: table.diagnostics)
        }
        return table.petitions
    }
}

import Foundation
import NhacViecConfig
import NhacViecCore

/// `nhacviec petitions import`: a spreadsheet's petitions into the plan's petitions file, all or nothing.
///
/// Two steps, so that the command can show what would change before it is refused or written: `propose` reads the
/// CSV and merges it by number with the current petitions; `write` refuses to drop answered petitions unless
/// forced, checks the whole configuration with the new text in place, and replaces the file atomically.
public struct PetitionImport {
    let configuration: Configuration
    let source: any ConfigurationSource
    let openLedger: () throws -> (any OfficeLedger)?
    let check: (any ConfigurationSource) throws -> Configuration

    /// Creates the use case; `openLedger` gives the ledger (nil when there is none yet), opened only once the
    /// spreadsheet is read, and `check` loads the configuration from a source as `nhacviec check` would.
    public init(configuration: Configuration, source: any ConfigurationSource = DiskConfigurationSource(),
                openLedger: @escaping () throws -> (any OfficeLedger)?,
                check: @escaping (any ConfigurationSource) throws -> Configuration) {
        self.configuration = configuration
        self.source = source
        self.openLedger = openLedger
        self.check = check
    }

    /// Reads the CSV file and compares its petitions with the plan's current ones; writes nothing.
    public func propose(plan: String, file: String) throws(OfficeError) -> PetitionImportProposal {
        guard let loaded = configuration.plans.first(where: { $0.plan.id == plan }) else {
            let ids = configuration.plans.map(\.plan.id)
            throw OfficeError(.invalidRequest,
                              "không có kế hoạch '\(plan)'; các kế hoạch: \(ids.joined(separator: ", "))")
        }
        let spreadsheet = PetitionSpreadsheet(file: file, loaded: loaded)
        let imported = try spreadsheet.petitions()
        let current = loaded.petitions?.petitions ?? []
        let merge = PetitionMerge.merge(current: current, imported: imported, answered: try answeredNumbers(plan))
        let target = loaded.petitions?.file
            ?? PetitionFileWriter.path(plansDirectory: configuration.settings.plansDirectory, plan: plan)
        let text = try newText(target: target, loaded: loaded, petitions: merge.result, source: spreadsheet.name)
        return PetitionImportProposal(plan: plan, file: file, target: target, text: text, model: loaded.file,
                                      isFirst: loaded.petitions == nil, current: current, merge: merge)
    }

    /// Writes the proposal unless it drops answered petitions without `force`, fails the check, or is a `dryRun`;
    /// returns the line that says what happened.
    public func write(_ proposal: PetitionImportProposal, force: Bool, dryRun: Bool) throws(OfficeError) -> String {
        let answered = proposal.merge.removedAnswered
        if !answered.isEmpty && !force {
            let which = answered.count == 1 ? "kiến nghị số" : "các kiến nghị số"
            throw OfficeError(.refused, "\(which) \(NumberRanges.text(answered)) đã được trả lời mà không có trong "
                              + "\(proposal.file); chưa ghi gì. Thêm lại vào bảng tính, hoặc xoá bằng --force")
        }
        try checkConfiguration(with: proposal)
        if dryRun { return "--dry-run: nothing was written to \(proposal.target)" }
        if proposal.merge.isEmpty && !proposal.isFirst { return "\(proposal.target): no change" }
        do { try AtomicFileWriter.replace(proposal.target, with: proposal.text, model: proposal.model) } catch {
            throw OfficeError(.unwritable, error.description)
        }
        return "\(proposal.target): \(proposal.merge.result.count) petitions written (tasks kn-N of \(proposal.plan)). "
            + "A running daemon uses them after: systemctl reload nhacviec"
    }

    /// The numbers of the plan's petitions that the ledger has a done mark for; none when there is no ledger yet.
    private func answeredNumbers(_ plan: String) throws(OfficeError) -> Set<Int> {
        do {
            guard let ledger = try openLedger() else { return [] }
            let tasks = try ledger.completions().keys.filter { $0.planID == plan }
            return Set(tasks.compactMap { Petition.number(ofTaskID: $0.taskID) })
        } catch {
            throw OfficeError(.ledger, "không đọc được những kiến nghị nào đã được trả lời: \(error)")
        }
    }

    private func newText(target: String, loaded: LoadedPlan, petitions: [Petition],
                         source name: String) throws(OfficeError) -> String {
        guard loaded.petitions != nil else {
            return PetitionFileWriter.newFile(plan: loaded.plan, petitions: petitions, source: name)
        }
        let old: String
        do { old = try source.read(target) } catch {
            throw OfficeError(.invalidInput, "không đọc được \(target): \(error)")
        }
        guard let text = PetitionFileWriter.replacingList(in: old, with: petitions) else {
            throw OfficeError(.invalidInput, "\(target) không có khoá 'petitions:' ở đầu một dòng để thay danh sách; "
                              + "chưa ghi gì")
        }
        return text
    }

    private func checkConfiguration(with proposal: PetitionImportProposal) throws(OfficeError) {
        let overlay = OverlayConfigurationSource(base: source, files: [proposal.target: proposal.text])
        do { _ = try check(overlay) } catch let error as ConfigurationError {
            let message = "với các kiến nghị này, cấu hình không qua được kiểm tra (check); chưa ghi gì"
            throw OfficeError(.checkFailed, message, diagnostics: error.diagnostics)
        } catch {
            throw OfficeError(.checkFailed, String(describing: error))
        }
    }
}

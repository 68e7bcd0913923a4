import Foundation
import NhacViecCore

/// Loads and validates the main file and every plan file, reporting all problems at once.
public struct ConfigurationLoader: Sendable {
    private let source: ConfigurationSource
    private let templateProblems: @Sendable (MailTemplates) -> [String]
    private let scheduleWarnings: Bool
    private let planCache: (@Sendable (MainSettings) -> PlanCache?)?

    /// Creates a loader over a source of files; `templateProblems` checks a plan's mail templates, and
    /// `scheduleWarnings` asks for the provisional-holiday and tentative-date warnings, which cost a pass over every task.
    /// With `planCache`, unchanged plan files are read from their compiled form (the daemon's start and reloads).
    public init(source: ConfigurationSource = DiskConfigurationSource(),
                templateProblems: @escaping @Sendable (MailTemplates) -> [String] = { _ in [] },
                scheduleWarnings: Bool = true, planCache: (@Sendable (MainSettings) -> PlanCache?)? = nil) {
        self.source = source
        self.templateProblems = templateProblems
        self.scheduleWarnings = scheduleWarnings
        self.planCache = planCache
    }

    /// Loads everything, or throws a `ConfigurationError` holding every error and warning.
    public func load(mainFile: String) throws -> Configuration {
        var diagnostics: [Diagnostic] = []
        let directory = (mainFile as NSString).deletingLastPathComponent
        var settings = MainSettings.defaults(relativeTo: directory.isEmpty ? "." : directory)
        if let text = read(mainFile, into: &diagnostics), let root = parse(text, of: mainFile, into: &diagnostics) {
            let reader = NodeReader(file: mainFile)
            settings = MainFileReader(reader: reader, directory: directory.isEmpty ? "." : directory).read(root)
            diagnostics += reader.diagnostics
        }
        let plans = loadPlans(in: settings.plansDirectory, mainFile: mainFile, cache: planCache?(settings), into: &diagnostics)
        if scheduleWarnings {
            diagnostics += ScheduleWarnings(calendar: WorkingCalendar(official: settings.officialYears)).check(plans)
            diagnostics += TentativeEventWarnings().check(plans)
            diagnostics += CitationNotes().check(plans)
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigurationError(code: .invalid, diagnostics: diagnostics)
        }
        return Configuration(mainFile: mainFile, settings: settings, plans: plans, warnings: diagnostics)
    }

    private func loadPlans(in directory: String, mainFile: String, cache: PlanCache?, into diagnostics: inout [Diagnostic]) -> [LoadedPlan] {
        let files: [String]
        do {
            files = try source.yamlFiles(in: directory)
        } catch {
            diagnostics.append(Diagnostic(file: mainFile, line: 1, column: 1,
                                          message: "cannot read the plans directory \(directory): \(error.localizedDescription)"))
            return []
        }
        let parsed = ParallelMap.map(files) { file -> (plan: LoadedPlan?, petitions: Node?, diagnostics: [Diagnostic]) in
            var found: [Diagnostic] = []
            var key: [UInt8]?
            var text: String?
            if let cache, let bytes = try? source.bytes(file) {
                key = PlanCache.key(of: bytes)
                if let compiled = try? cache.load(file: file, key: key!) { return (compiled.loaded, nil, compiled.warnings) }
                text = decode(bytes, of: file, into: &found)
            } else {
                text = read(file, into: &found)
            }
            guard let text, let root = parse(text, of: file, into: &found) else { return (nil, nil, found) }
            // A petitions file belongs to a plan read from another file: it is read once every plan is.
            if PetitionFileReader.isPetitionsFile(root) { return (nil, root, found) }
            let reader = NodeReader(file: file)
            let loaded = PlanFileReader(reader: reader).read(root)
            found += reader.diagnostics
            if let cache, let key, let loaded, !found.contains(where: { $0.severity == .error }) {
                // A cache that cannot be written costs speed at the next start, nothing else.
                try? cache.store(CompiledPlan(loaded: loaded, warnings: found), file: file, key: key)
            }
            return (loaded, nil, found)
        }
        cache?.prune(keeping: files)
        var plans: [LoadedPlan] = []
        var seen: [String: String] = [:]
        var petitionFiles: [(file: String, root: Node)] = []
        for (file, result) in zip(files, parsed) {
            diagnostics += result.diagnostics
            if let root = result.petitions { petitionFiles.append((file, root)) }
            guard let loaded = result.plan, !loaded.plan.id.isEmpty else { continue }
            if let other = seen[loaded.plan.id] {
                diagnostics.append(Diagnostic(file: file, line: loaded.idMark.line, column: loaded.idMark.column,
                                              message: "duplicate plan id '\(loaded.plan.id)' (also in \(other))"))
                continue
            }
            seen[loaded.plan.id] = file
            if let mark = loaded.templatesMark {
                diagnostics += templateProblems(loaded.plan.templates).map {
                    Diagnostic(file: file, line: mark.line, column: mark.column, message: $0)
                }
            }
            plans.append(loaded)
        }
        for (file, root) in petitionFiles {
            let reader = NodeReader(file: file)
            let petitionReader = PetitionFileReader(reader: reader)
            defer { diagnostics += reader.diagnostics }
            guard let (id, node) = petitionReader.planID(root) else { continue }
            guard let index = plans.firstIndex(where: { $0.plan.id == id }) else {
                let ids = plans.map(\.plan.id)
                let known = ids.isEmpty ? "no plan was read" : "plans: \(ids.joined(separator: ", "))"
                reader.error(node, "petitions-for names plan '\(id)', which no plan file defines\(KeySuggestion.hint(for: id, among: ids)) (\(known))")
                continue
            }
            if let other = plans[index].petitions {
                reader.error(node, "plan '\(id)' already has its petitions in \(other.file); keep one petitions file per plan")
                continue
            }
            let read = petitionReader.read(root, plan: plans[index].plan)
            plans[index].plan.tasks += read.tasks
            plans[index].petitions = read.loaded
        }
        return plans
    }

    /// The text of bytes already read, or nil with the place of the first byte that is not UTF-8.
    private func decode(_ bytes: [UInt8], of file: String, into diagnostics: inout [Diagnostic]) -> String? {
        do {
            return try UTF8Text.decode(bytes)
        } catch {
            diagnostics.append(Diagnostic(file: file, line: error.line, column: error.column, message: error.description))
            return nil
        }
    }

    private func read(_ file: String, into diagnostics: inout [Diagnostic]) -> String? {
        do {
            return try source.read(file)
        } catch let error as TextDecodingError {
            diagnostics.append(Diagnostic(file: file, line: error.line, column: error.column, message: error.description))
        } catch {
            diagnostics.append(Diagnostic(file: file, line: 1, column: 1, message: "cannot read: \(error.localizedDescription)"))
        }
        return nil
    }

    private func parse(_ text: String, of file: String, into diagnostics: inout [Diagnostic]) -> Node? {
        do {
            guard let root = try YAMLTree.parse(text) else {
                diagnostics.append(Diagnostic(file: file, line: 1, column: 1, message: "the file is empty"))
                return nil
            }
            return root
        } catch {
            let context = error.context.map { " (\($0))" } ?? ""
            diagnostics.append(Diagnostic(file: file, line: error.mark.line, column: error.mark.column,
                                          message: "YAML syntax: \(error.problem)\(context)"))
            return nil
        }
    }
}

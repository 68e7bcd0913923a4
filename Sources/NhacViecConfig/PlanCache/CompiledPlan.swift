import Foundation
import NhacViecCore

/// What reading one plan file produced, in a form that is written to the plan cache and read back
/// without parsing YAML: the plan with its source positions, and the file's warnings.
struct CompiledPlan: Sendable {
    /// The plan as `PlanFileReader` read it.
    var loaded: LoadedPlan
    /// The warnings reading it gave (a file with errors is never compiled).
    var warnings: [Diagnostic]

    /// The binary form; the file's path is not part of it, so that a renamed file still matches.
    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.plan(loaded.plan)
        writer.array(loaded.dueMarks) { $0.position($1) }
        writer.position(loaded.idMark)
        writer.optional(loaded.templatesMark) { $0.position($1) }
        writer.array(loaded.eventMarks.sorted { $0.key < $1.key }) { w, mark in
            w.string(mark.key)
            w.position(mark.value)
        }
        writer.array(warnings) { w, warning in
            w.position(SourcePosition(line: warning.line, column: warning.column))
            w.bool(warning.severity == .error)
            w.string(warning.message)
        }
        return writer.bytes
    }

    /// Reads the binary form of the plan file at `file`, starting at `offset`.
    init(decoding bytes: [UInt8], from offset: Int, file: String) throws(PlanCacheError) {
        var reader = try BinaryReader(bytes, from: offset)
        let plan = try reader.plan()
        let dueMarks = try reader.array { r throws(PlanCacheError) in try r.position() }
        let idMark = try reader.position()
        let templatesMark = try reader.optional { r throws(PlanCacheError) in try r.position() }
        let marks = try reader.array { r throws(PlanCacheError) in (try r.string(), try r.position()) }
        loaded = LoadedPlan(plan: plan, file: file, dueMarks: dueMarks, idMark: idMark, templatesMark: templatesMark,
                            eventMarks: Dictionary(marks, uniquingKeysWith: { first, _ in first }))
        warnings = try reader.array { r throws(PlanCacheError) in
            let position = try r.position()
            let severity: Diagnostic.Severity = try r.bool() ? .error : .warning
            return Diagnostic(file: file, line: position.line, column: position.column, severity: severity, message: try r.string())
        }
        guard reader.isAtEnd else { throw PlanCacheError(code: .corrupt, "bytes left over after the plan") }
    }

    /// Wraps a plan just read from its text.
    init(loaded: LoadedPlan, warnings: [Diagnostic]) {
        self.loaded = loaded
        self.warnings = warnings
    }
}

import NhacViecCore

/// What a petitions import would write, and what it changes by number: the lines the command shows.
public struct PetitionImportProposal: Sendable {
    /// The plan's id.
    public let plan: String
    /// The CSV file, as given.
    public let file: String
    /// The petitions file to write.
    public let target: String
    /// Its new text.
    public let text: String
    /// The file whose owner, group and mode a new petitions file takes: the plan file.
    let model: String
    /// Whether the plan has no petitions file yet.
    public let isFirst: Bool
    /// The petitions before the import.
    public let current: [Petition]
    /// The comparison by number.
    public let merge: PetitionMerge

    /// More changes than this are only counted, unless asked for with `--dry-run`.
    static let listedAtMost = 50

    /// The change lines (unless there are too many and this is not a dry run), then the summary line.
    public func lines(dryRun: Bool) -> [String] {
        let changes = self.changes
        return (dryRun || changes.count <= Self.listedAtMost ? changes : []) + [summary]
    }

    /// `+ 5  kinh-te  conclusion + 15wd  Đề nghị…`, `~ 4  han A → B`, `- 2  Mương… (already answered)`.
    public var changes: [String] {
        let before = Dictionary(current.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(merge.result.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let added = merge.added.compactMap { number in
            after[number].map { "+ \(number)  \($0.department)  \($0.due)  \(Self.short($0.content))" }
        }
        let changed = merge.changed.compactMap { number -> String? in
            guard let old = before[number], let new = after[number] else { return nil }
            return "~ \(number)  \(differences(old, new))"
        }
        let removed = merge.removed.map { number in
            let answered = merge.removedAnswered.contains(number) ? " (already answered)" : ""
            return "- \(number)  \(before[number].map { Self.short($0.content) } ?? "")\(answered)"
        }
        return added + changed + removed
    }

    /// `1 added, 2 changed, 0 removed, 2 unchanged: added 5; changed 2, 4`.
    public var summary: String {
        "\(merge.added.count) added, \(merge.changed.count) changed, \(merge.removed.count) removed, "
            + "\(merge.unchanged) unchanged\(merge.added.isEmpty ? "" : ": added \(NumberRanges.text(merge.added))")"
            + "\(merge.changed.isEmpty ? "" : "; changed \(NumberRanges.text(merge.changed))")"
            + "\(merge.removed.isEmpty ? "" : "; removed \(NumberRanges.text(merge.removed))")"
    }

    private func differences(_ old: Petition, _ new: Petition) -> String {
        var what: [String] = []
        if old.content != new.content { what.append("noi-dung") }
        if old.raisedBy != new.raisedBy { what.append("nguoi-kien-nghi") }
        if old.department != new.department { what.append("don-vi \(old.department) → \(new.department)") }
        if old.due != new.due { what.append("han \(old.due) → \(new.due)") }
        let moved = merge.answeredMoved.contains(new.number)
            ? " (answered by \(old.department): its answer no longer covers \(new.department))" : ""
        return what.joined(separator: ", ") + moved
    }

    /// The first line of a text, cut to 60 characters.
    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count <= 60 ? line : String(line.prefix(59)) + "…"
    }
}

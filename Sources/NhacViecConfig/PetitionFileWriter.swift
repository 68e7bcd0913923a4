import NhacViecCore

/// Writes a petitions file: a new one with commented defaults, or an existing one with only its `petitions:`
/// list replaced, so that the header comments and the office's `defaults:` stay as they were.
public enum PetitionFileWriter {
    /// The petitions file's path for a plan: `PLANS/PLAN.kien-nghi.yaml`.
    public static func path(plansDirectory: String, plan: String) -> String {
        (plansDirectory.hasSuffix("/") ? plansDirectory : plansDirectory + "/") + plan + ".kien-nghi.yaml"
    }

    /// A new file for `plan` holding `petitions`.
    public static func newFile(plan: Plan, petitions: [Petition], source: String) -> String {
        let escalation = plan.departments.first { $0.id == "lanh-dao" }?.id ?? plan.departments.first?.id ?? "lanh-dao"
        return """
            # Kiến nghị của Nhân dân theo Thông báo kết luận: \(plan.title.isEmpty ? plan.id : plan.title)
            # Made by `nhacviec petitions import` from \(source); the next import of a corrected spreadsheet
            # replaces only the 'petitions:' list below (matched by 'so'), so comments and 'defaults:' stay.
            # Each petition is the task kn-SO of plan \(plan.id), owned by its 'don-vi', due on its 'han'
            # (written like a task's due). Check after editing by hand: nhacviec check

            petitions-for: \(plan.id)

            # Reminders for every petition (each key as in a task; see docs/plan-format.md).
            defaults:
              remind: [5wd, 2wd, 1wd, 0d]
              overdue: {every: 2wd, times: 3}
              # escalate: {after: 2wd, to: [\(escalation)]}
              # shift: later

            """ + "\n" + list(petitions)
    }

    /// The `petitions:` list in YAML: one mapping per petition, Vietnamese text as it is, in double quotes.
    public static func list(_ petitions: [Petition]) -> String {
        guard !petitions.isEmpty else { return "petitions: []\n" }
        var text = "petitions:\n"
        text.reserveCapacity(petitions.count * 300)
        for petition in petitions {
            text += "  - so: \(petition.number)\n"
            text += "    noi-dung: \(quoted(petition.content))\n"
            text += "    nguoi-kien-nghi: \(quoted(petition.raisedBy))\n"
            text += "    don-vi: \(plainOrQuoted(petition.department))\n"
            text += "    han: \(plainOrQuoted(petition.due))\n"
        }
        return text
    }

    /// `existing` with its `petitions:` list (from the key's line to the next top-level key, or the end) replaced;
    /// nil when the text has no such key to splice at.
    public static func replacingList(in existing: String, with petitions: [Petition]) -> String? {
        guard let root = try? YAMLTree.parse(existing), case .mapping(let mapping) = root,
              let position = mapping.firstIndex(where: { $0.key.scalar?.string == "petitions" }),
              let start = mapping[position].key.mark?.index else { return nil }
        let scalars = Array(existing.unicodeScalars)
        guard start <= scalars.count else { return nil }
        let lineStart = scalars[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        guard lineStart == start else { return nil }  // `petitions:` must start its own line (block style)
        var end = scalars.count
        if position + 1 < mapping.count, let next = mapping[position + 1].key.mark?.index, next <= scalars.count {
            end = scalars[..<next].lastIndex(of: "\n").map { $0 + 1 } ?? next
        }
        var lines = list(petitions)
        if existing.contains("\r\n") { lines = lines.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<lineStart])
        view.append(contentsOf: lines.unicodeScalars)
        if end < scalars.count {
            if !lines.hasSuffix("\n") { view.append("\n") }
            view.append(contentsOf: scalars[end...])
        }
        return String(view)
    }

    /// A YAML double-quoted scalar: Vietnamese text kept readable, only quotes, backslashes and breaks escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{FEFF}": out += "\\uFEFF"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Ids and deadlines (`kinh-te`, `conclusion + 15wd`, `2026-01-30`) plain; anything else quoted.
    static func plainOrQuoted(_ text: String) -> String {
        let safe = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 95 || byte == 46 || byte == 32 || byte == 43
        } && text.utf8.first.map { $0 != 32 && $0 != 45 } == true && text.utf8.last != 32
        return safe ? text : quoted(text)
    }
}

import NhacViecCore

/// Finds the department a spreadsheet cell names: its id, or its name as the plan writes it, compared without
/// diacritics, case, spacing or punctuation; or a part of a name (whole words, in order) that fits one department
/// only, since offices shorten names ("Phòng Kinh tế" for "Phòng Kinh tế, Hạ tầng và Đô thị").
struct DepartmentMatcher {
    private struct Entry {
        let department: Department
        let idKey: String
        let nameWords: [String]
    }

    private let planID: String
    private let entries: [Entry]

    /// A matcher for the departments of `plan`.
    init(plan: Plan) {
        planID = plan.id
        entries = plan.departments.map {
            Entry(department: $0, idKey: VietnameseFolding.key($0.id), nameWords: VietnameseFolding.words($0.name))
        }
    }

    /// The id of the department `cell` names.
    func id(for cell: String) throws(DepartmentMatchError) -> String {
        if let exact = entries.first(where: { $0.department.id == cell }) { return exact.department.id }
        let words = VietnameseFolding.words(cell)
        guard !words.isEmpty else {
            throw DepartmentMatchError(.empty, "chưa ghi đơn vị trả lời; các đơn vị: \(list(entries))")
        }
        let key = words.joined(separator: " ")
        // Tiers, strongest first: the id, the whole name, then a part of a name.
        for tier in [entries.filter { $0.idKey == key }, entries.filter { $0.nameWords == words },
                     entries.filter { Self.contains($0.nameWords, words) }] where !tier.isEmpty {
            guard tier.count == 1 else {
                throw DepartmentMatchError(.ambiguous, "'\(cell)' có thể là \(tier.count) đơn vị: \(list(tier)); "
                                           + "ghi mã đơn vị hoặc tên đầy đủ hơn")
            }
            return tier[0].department.id
        }
        let hint = KeySuggestion.nearest(to: key, among: entries.map(\.idKey)).flatMap { near in
            entries.first { $0.idKey == near }.map { "; có phải '\($0.department.id)'?" }
        } ?? ""
        throw DepartmentMatchError(.unknown, "'\(cell)' không phải là đơn vị của kế hoạch '\(planID)'\(hint) "
                                   + "(các đơn vị: \(list(entries)))")
    }

    /// `kinh-te (Phòng Kinh tế, Hạ tầng và Đô thị), vhxh (Phòng Văn hóa - Xã hội)`.
    private func list(_ entries: [Entry]) -> String {
        entries.map { "\($0.department.id) (\($0.department.name))" }.joined(separator: ", ")
    }

    /// Whether `part` appears in `words` as consecutive whole words.
    private static func contains(_ words: [String], _ part: [String]) -> Bool {
        guard part.count <= words.count else { return false }
        return (0...(words.count - part.count)).contains { start in
            words[start..<(start + part.count)].elementsEqual(part)
        }
    }
}

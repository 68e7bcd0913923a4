import Foundation

extension Plan {
    /// The word a plan's title may start with, which its citation already says.
    static let documentType = "Kế hoạch"

    /// What the plan is about, as it reads after "Kế hoạch" in a sentence: the title without a leading
    /// "Kế hoạch", its first letter by the plan's `title-case` (`Tổ chức Hội nghị …` → `tổ chức Hội nghị …`).
    public var subjectInSentence: String {
        let title = self.title.precomposedStringWithCanonicalMapping
        let type = Self.documentType
        var subject = Substring(title)
        // Compared in lower case: an office may write "KẾ HOẠCH" as the document's heading does.
        if title.lowercased().hasPrefix(type.lowercased()),
           title.dropFirst(type.count).first.map(\.isWhitespace) ?? true {
            subject = title.dropFirst(type.count)
        }
        return TitleCase.inSentence(subject.trimmingCharacters(in: .whitespaces), keep: keepsTitleCase)
    }

    /// How mail cites the plan (Nghị định 30/2020/NĐ-CP): `Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường
    /// Ba Đồn về tổ chức Hội nghị …` when its number or its date of issue is known, and `Kế hoạch tổ chức Hội nghị …
    /// của UBND phường Ba Đồn` when neither is; each part the plan file does not give is left out.
    public var citation: String {
        let subject = subjectInSentence
        var parts = [Self.documentType]
        if number != nil || issued != nil {
            if let number { parts.append("số " + number) }
            if let issued { parts.append("ngày " + issued.vietnamese) }
            if !authority.isEmpty { parts.append("của " + authority) }
            if !subject.isEmpty { parts.append("về " + subject) }
        } else {
            if !subject.isEmpty { parts.append(subject) }
            if !authority.isEmpty { parts.append("của " + authority) }
        }
        return parts.joined(separator: " ")
    }

    /// How a petition's reminder cites the Conclusion Notice that assigned it: `Thông báo kết luận số 45/TB-UBND
    /// ngày 26/12/2025`, with what is known of the Notice; nil for a task that is not a petition.
    ///
    /// The Notice is the event the petition's deadline counts from (`conclusion + 15wd`); for a fixed deadline, the
    /// plan's event `conclusion`, the name the shipped plan and `docs/petitions.md` use.
    public func noticeCitation(for task: PlanTask) -> String? {
        task.petition == nil ? nil : noticeCitation(counting: task.due)
    }

    /// The Conclusion Notice cited for a petition whose deadline is `due`: the event it counts from, else the
    /// event `conclusion`; `Thông báo kết luận` alone when the plan knows nothing of it.
    public func noticeCitation(counting due: DueRule) -> String {
        var eventName = "conclusion"
        if case .relative(let event, _, _) = due { eventName = event }
        var text = "Thông báo kết luận"
        guard let notice = events[eventName] else { return text }
        if let number = notice.number { text += " số " + number }
        if let date = notice.date { text += " ngày " + date.vietnamese + (notice.isTentative ? " (dự kiến)" : "") }
        return text
    }
}

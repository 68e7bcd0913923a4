/// How a title reads inside a sentence: after "V/v", after "nhiệm vụ", or after "Kế hoạch … về". Vietnamese
/// administrative writing lowercases an ordinary first word there, but never a proper noun or an abbreviation.
public enum TitleCase {
    /// The title as it reads inside a sentence: a first word written as an ordinary capitalised word (`Gửi`,
    /// `Tham mưu`, `Tổ chức`) is lowercased; one in capitals (`UBND`, `HĐND`), in mixed case (`iPhone`), of a
    /// single letter, or any title whose plan or task says `title-case: keep`, stays as written.
    public static func inSentence(_ title: String, keep: Bool) -> String {
        guard !keep, let first = title.first, first.isUppercase, first.isLetter else { return title }
        let word = title.prefix { !$0.isWhitespace }
        let letters = word.filter(\.isLetter)
        guard letters.count >= 2, letters.dropFirst().allSatisfy(\.isLowercase) else { return title }
        return String(first).lowercased() + title.dropFirst()
    }
}

extension PlanTask {
    /// The title as it reads after "V/v" or inside a sentence, by its `title-case`.
    public var titleInSentence: String { TitleCase.inSentence(title, keep: keepsTitleCase) }
}

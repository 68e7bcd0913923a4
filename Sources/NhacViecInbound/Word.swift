/// A run of letters and digits in a line, with its folded form and where it stands in the original.
struct Word {
    let folded: String
    let range: Range<String.Index>

    /// The words of the line, in order.
    static func split(_ line: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = line.startIndex
        while index < line.endIndex {
            let isWordCharacter = line[index].isLetter || line[index].isNumber
            if isWordCharacter, start == nil { start = index }
            if !isWordCharacter, let open = start {
                words.append(Word(folded: VietnameseFolding.fold(String(line[open..<index])), range: open..<index))
                start = nil
            }
            index = line.index(after: index)
        }
        if let open = start {
            words.append(Word(folded: VietnameseFolding.fold(String(line[open...])), range: open..<line.endIndex))
        }
        return words
    }
}

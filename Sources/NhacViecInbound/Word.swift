import NhacViecCore

/// A run of letters and digits in a line, as written (lowercased) and folded, with where it stands in the line.
struct Word {
    /// The word lowercased with its diacritics, as the line is NFC.
    let lowered: String
    /// The word without diacritics (`VietnameseFolding`).
    let folded: String
    let range: Range<String.Index>

    /// The words of the line, in order; combining marks stay inside the word they follow.
    static func split(_ line: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        let scalars = line.unicodeScalars
        var index = scalars.startIndex
        func close(at end: String.Index) {
            guard let open = start else { return }
            let text = String(line.unicodeScalars[open..<end])
            words.append(Word(lowered: text.lowercased(), folded: VietnameseFolding.fold(text), range: open..<end))
            start = nil
        }
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = scalars.index(after: index)
        }
        close(at: scalars.endIndex)
        return words
    }

    /// Whether the word is a number written in ASCII digits.
    var isNumber: Bool { !folded.isEmpty && folded.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || (0x300...0x36F).contains(scalar.value)
    }
}

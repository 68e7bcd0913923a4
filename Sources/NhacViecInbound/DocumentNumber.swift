import NhacViecCore

/// Vietnamese document numbers (số, ký hiệu) such as `45/UBND-VP` or `12/2025/QĐ-UBND` in a line, and the
/// document's date when it follows the number ("số 45/UBND-VP ngày 20/12/2025").
///
/// One pass over the line's characters: the regular expressions this replaced backtracked on a line of
/// `1/1/1/…` and took time in proportion to its square.
enum DocumentNumber {
    /// A number found, where it stands, and whether "số" introduces it.
    private struct Candidate {
        let range: Range<Int>
        let afterSo: Bool
        let symbolIsCapital: Bool
    }

    /// The first document number on the line, preferring one introduced by "số".
    static func find(in line: String) -> String? {
        reference(in: line)?.number
    }

    /// The first document number on the line (preferring one introduced by "số") and the date written after it.
    /// A bare number's symbol must start with a capital letter, so that a date like 20/12/2025 never counts.
    static func reference(in line: String) -> (number: String, date: LocalDate?)? {
        let scalars = Array(line.unicodeScalars)
        let candidates = self.candidates(in: scalars)
        guard let best = candidates.first(where: \.afterSo) ?? candidates.first(where: \.symbolIsCapital) else {
            return nil
        }
        let number = String(String.UnicodeScalarView(scalars[best.range]))
        return (number, DocumentDate.after(best.range.upperBound, in: scalars))
    }

    /// Every `digits(/digits)*/Symbol(-Part)*` on the line, in order, each starting at a word boundary.
    private static func candidates(in scalars: [Unicode.Scalar]) -> [Candidate] {
        var found: [Candidate] = []
        var index = 1
        while index + 1 < scalars.count {
            // A number's symbol starts at a slash followed by a letter, right after digits.
            guard scalars[index] == "/", isLetter(scalars[index + 1]), isDigit(scalars[index - 1]) else {
                index += 1
                continue
            }
            // Back over digits and single slashes to where the number starts. The walk stops at the letters
            // after any earlier candidate, so no character is walked over twice.
            var start = index
            while start > 0, isDigit(scalars[start - 1]) || (scalars[start - 1] == "/" && start - 1 > 0
                                                            && isDigit(scalars[start - 2]) && isDigit(scalars[start])) {
                start -= 1
            }
            if start > 0, isLetter(scalars[start - 1]) || scalars[start - 1] == "_" {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, isLetter(scalars[end]) || isDigit(scalars[end]) { end += 1 }
            while end + 1 < scalars.count, scalars[end] == "-",
                  isLetter(scalars[end + 1]) || isDigit(scalars[end + 1]) {
                end += 1
                while end < scalars.count, isLetter(scalars[end]) || isDigit(scalars[end]) { end += 1 }
            }
            let capital = scalars[index + 1].properties.isUppercase
            found.append(Candidate(range: start..<end, afterSo: isAfterSo(start, in: scalars),
                                   symbolIsCapital: capital))
            index = end
        }
        return found
    }

    /// Whether "số" or "so" (any case), then optional spaces and a colon, comes right before `start`.
    private static func isAfterSo(_ start: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var index = start
        while index > 0, scalars[index - 1] == " " || scalars[index - 1] == "\t" { index -= 1 }
        if index > 0, scalars[index - 1] == ":" { index -= 1 }
        while index > 0, scalars[index - 1] == " " || scalars[index - 1] == "\t" { index -= 1 }
        var wordStart = index
        while wordStart > 0, isLetter(scalars[wordStart - 1]), index - wordStart < 3 { wordStart -= 1 }
        guard wordStart == 0 || !isLetter(scalars[wordStart - 1]) && !isDigit(scalars[wordStart - 1]) else {
            return false
        }
        let word = String(String.UnicodeScalarView(scalars[wordStart..<index])).lowercased()
        return word == "số" || word == "so"
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }
}

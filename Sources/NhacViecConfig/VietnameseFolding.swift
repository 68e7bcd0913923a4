import Foundation

/// Vietnamese text reduced to lowercase ASCII words, so that a heading or a department's name typed with or
/// without diacritics, in any case, with any spacing or punctuation, compares equal: "Số TT", "so tt", "SỐ  TT".
///
/// NhacViecInbound folds replies the same way; it is repeated here because the configuration reader must not
/// depend on the mail side.
enum VietnameseFolding {
    /// The text lowercased, tone and vowel marks removed, `đ` (and the look-alike `ð`) as `d`.
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased()
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "ð", with: "d")
        let stripped = lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !(0x0300...0x036F).contains($0.value)
        }
        return String(String.UnicodeScalarView(stripped))
    }

    /// The folded text's words: runs of letters, and runs of digits, everything else a separator
    /// ("Phòng Văn hóa - Xã hội" → phong, van, hoa, xa, hoi; "15ngày" → 15, ngay).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var currentIsDigits = false
        for scalar in fold(text).unicodeScalars {
            let isDigit = ("0"..."9").contains(scalar)
            let isLetter = scalar.properties.isAlphabetic
            guard isDigit || isLetter else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if !current.isEmpty && isDigit != currentIsDigits {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            currentIsDigits = isDigit
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words joined by single spaces: the form two texts are compared in.
    static func key(_ text: String) -> String { words(text).joined(separator: " ") }
}

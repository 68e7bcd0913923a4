import Foundation

/// Vietnamese text reduced to bare lowercase ASCII letters, so that "Đã hoàn thành", "da hoan thanh" and
/// "ĐÃ HOÀN THÀNH" compare equal (people reply from phones without a Vietnamese keyboard), and a spreadsheet's
/// heading or a department's name typed with or without diacritics matches: "Số TT", "so tt", "SỐ  TT".
public enum VietnameseFolding {
    /// The text lowercased, tone and vowel marks removed, `đ` (and the look-alike `ð`) as `d`.
    ///
    /// One table lookup per character. Foundation's decomposition, which this replaced, took 73 s on a 4 MB line
    /// in a debug build, and a reply's own text can be that line.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value) | 0x20) : scalar)
            } else if (0x300...0x36F).contains(value) {
                continue
            } else if let base = bases[value] {
                out.append(base)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether the text has a letter outside ASCII or a combining mark, that is, whether it was typed with
    /// Vietnamese diacritics.
    public static func hasMarks(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains {
            $0.value >= 0x80 && $0.properties.isAlphabetic || (0x300...0x36F).contains($0.value)
        }
    }

    /// The lowercase ASCII base of every Latin letter with marks, from Latin-1 to Latin Extended Additional, where
    /// all of Vietnamese lies: computed once from Unicode's own decompositions.
    private static let bases: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [0x110: "d", 0x111: "d", 0xD0: "d", 0xF0: "d"]
        for value in Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF) where table[value] == nil {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { continue }
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.lowercased()
            let marks = decomposed.unicodeScalars.dropFirst()
            guard let first = decomposed.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
                  marks.allSatisfy({ (0x300...0x36F).contains($0.value) }) else { continue }
            table[value] = first
        }
        return table
    }()

    /// The folded text's words: runs of letters, and runs of digits, everything else a separator
    /// ("Phòng Văn hóa - Xã hội" → phong, van, hoa, xa, hoi; "15ngày" → 15, ngay).
    public static func words(_ text: String) -> [String] {
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
    public static func key(_ text: String) -> String { words(text).joined(separator: " ") }
}

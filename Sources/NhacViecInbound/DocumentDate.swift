import NhacViecCore

/// The date written after a document number: "ngày 20/12/2025", "ngày 5/1/2026", "ngày 20-12-2025",
/// "ngày 20 tháng 12 năm 2025". Only a day that exists counts: "ngày 31/02/2025" is no date at all.
enum DocumentDate {
    /// The years a written answer can bear.
    static let years = 1900...2100

    /// The date introduced by "ngày" right after `end` (spaces and a comma allowed before it), or nil.
    static func after(_ end: Int, in scalars: [Unicode.Scalar]) -> LocalDate? {
        var cursor = Cursor(scalars: scalars, index: end)
        cursor.skipSpaces()
        if cursor.peek == "," { cursor.index += 1 }
        cursor.skipSpaces()
        guard cursor.word() == "ngay" else { return nil }
        cursor.skipSpaces()
        guard let day = cursor.number(maximumDigits: 2) else { return nil }
        let month: Int?, year: Int?
        if let separator = cursor.peek, separator == "/" || separator == "-" || separator == "." {
            cursor.index += 1
            month = cursor.number(maximumDigits: 2)
            guard cursor.peek == separator else { return nil }
            cursor.index += 1
            year = cursor.number(maximumDigits: 4, minimumDigits: 4)
        } else {
            cursor.skipSpaces()
            guard cursor.word() == "thang" else { return nil }
            cursor.skipSpaces()
            month = cursor.number(maximumDigits: 2)
            cursor.skipSpaces()
            guard cursor.word() == "nam" else { return nil }
            cursor.skipSpaces()
            year = cursor.number(maximumDigits: 4, minimumDigits: 4)
        }
        guard let month, let year, years.contains(year) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// A reading position in the line's characters.
    private struct Cursor {
        let scalars: [Unicode.Scalar]
        var index: Int

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func skipSpaces() {
            while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\u{A0}" { index += 1 }
        }

        /// The letters at the cursor, folded ("Ngày" → "ngay"), consumed.
        mutating func word() -> String {
            let start = index
            while let scalar = peek, scalar.properties.isAlphabetic || (0x300...0x36F).contains(scalar.value) {
                index += 1
            }
            return VietnameseFolding.fold(String(String.UnicodeScalarView(scalars[start..<index])))
        }

        /// A number of one to `maximumDigits` digits, not followed by another digit, consumed.
        mutating func number(maximumDigits: Int, minimumDigits: Int = 1) -> Int? {
            let start = index
            var value = 0
            while let scalar = peek, DocumentNumber.isDigit(scalar) {
                guard index - start < maximumDigits else { return nil }
                value = value * 10 + Int(scalar.value - 0x30)
                index += 1
            }
            return index - start >= minimumDigits ? value : nil
        }
    }
}

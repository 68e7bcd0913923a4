/// Vietnamese document numbers (số, ký hiệu) such as `45/UBND-VP` or `12/2025/QĐ-UBND`, found in a line.
enum DocumentNumber {
    /// The first document number on the line, preferring one introduced by "số".
    static func find(in line: String) -> String? {
        // Regex is not Sendable, so the patterns are built per call rather than kept in statics.
        // `số 45/UBND-VP`, `Số: 123/KH-UBND`, `so 12/2025/QĐ-UBND`.
        let afterSo = #/(?i)\b(?:số|so)\s*:?\s*(\d+(?:/\d+)*/\p{L}[\p{L}\d]*(?:-[\p{L}\d]+)*)/#
        // A bare number's symbol must start with a capital letter, so that a date like 20/12/2025 never matches.
        let bare = #/\b(\d+(?:/\d+)*/\p{Lu}[\p{L}\d]*(?:-[\p{L}\d]+)*)/#
        if let match = line.firstMatch(of: afterSo) { return String(match.output.1) }
        return line.firstMatch(of: bare).map { String($0.output.1) }
    }
}

import Foundation

/// Vietnamese text reduced to bare lowercase ASCII letters, so that "Đã hoàn thành", "da hoan thanh" and
/// "ĐÃ HOÀN THÀNH" compare equal: people reply from phones without a Vietnamese keyboard.
enum VietnameseFolding {
    /// The text lowercased, tone and vowel marks removed, `đ` (and the look-alike `ð`) as `d`.
    static func fold(_ text: String) -> String {
        let lowered = text.lowercased().replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "ð", with: "d")
        let stripped = lowered.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
            !(0x0300...0x036F).contains($0.value)
        }
        return String(String.UnicodeScalarView(stripped))
    }
}

/// Minimal JSON string encoding for the line-oriented outputs.
public enum JSONText {
    /// A JSON string literal.
    ///
    /// Works on UTF-8 bytes: every byte of a multi-byte character is 0x80 or above, so only ASCII is ever escaped,
    /// and a text with nothing to escape (almost every title and id) is copied whole (`status` at 200,000 tasks
    /// spent a third of its time here, one Unicode scalar at a time).
    public static func quote(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { return "\"" + text + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]  // \"
            case 0x5C: out += [0x5C, 0x5C]  // \\
            case 0x0A: out += [0x5C, 0x6E]  // \n
            case 0x0D: out += [0x5C, 0x72]  // \r
            case 0x09: out += [0x5C, 0x74]  // \t
            case ..<0x20: out += Array("\\u00".utf8) + [hex(byte >> 4), hex(byte & 0xF)]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ",") + "]" }

    private static func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? 0x30 + digit : 0x61 + digit - 10 }
}

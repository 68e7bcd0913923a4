/// RFC 2045 content-transfer-encodings, decoded leniently: a reply with a broken escape still has a readable body.
enum TransferDecoding {
    /// The body bytes under the named encoding; 7bit, 8bit, binary and unknown encodings pass through as they are.
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: String?) -> [UInt8] {
        switch encoding?.trimmingWhitespace().lowercased() {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return base64(bytes)
        default: return Array(bytes)
        }
    }

    /// Quoted-printable: `=XX` is a byte, `=` at the end of a line joins it to the next; a malformed `=` stays.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] { quotedPrintable(bytes[...]) }

    /// Quoted-printable of a slice, in one pass over it.
    static func quotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = bytes.startIndex
        while true {
            let lineEnd = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            // RFC 2045 says trailing whitespace was added in transport and must go.
            var end = lineEnd
            while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 13 { end -= 1 }
            var soft = false
            var index = start
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") {
                    if index == end - 1 { soft = true; break }
                    if index + 2 < end, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                        out.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                out.append(byte)
                index += 1
            }
            guard lineEnd < bytes.endIndex else { return out }
            if !soft { out.append(UInt8(ascii: "\n")) }
            start = lineEnd + 1
        }
    }

    /// Base64, skipping anything outside the alphabet and tolerating missing padding.
    static func base64(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") { break }
            guard let value = base64Value(byte) else { continue }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    private static func base64Value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}

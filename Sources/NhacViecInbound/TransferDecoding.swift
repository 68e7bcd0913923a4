/// RFC 2045 content-transfer-encodings, decoded leniently: a reply with a broken escape still has a readable body.
enum TransferDecoding {
    /// The body bytes under the named encoding; 7bit, 8bit, binary and unknown encodings pass through as they are.
    static func decode(_ bytes: [UInt8], encoding: String?) -> [UInt8] {
        switch encoding?.trimmingWhitespace().lowercased() {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return base64(bytes)
        default: return bytes
        }
    }

    /// Quoted-printable: `=XX` is a byte, `=` at the end of a line joins it to the next; a malformed `=` stays.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, rawLine) in lines.enumerated() {
            // RFC 2045 says trailing whitespace was added in transport and must go.
            var line = Array(rawLine)
            while let last = line.last, last == 32 || last == 9 || last == 13 { line.removeLast() }
            var soft = false
            var index = 0
            while index < line.count {
                let byte = line[index]
                if byte == UInt8(ascii: "=") {
                    if index == line.count - 1 { soft = true; break }
                    if index + 2 < line.count, let high = hexValue(line[index + 1]), let low = hexValue(line[index + 2]) {
                        out.append(high << 4 | low)
                        index += 3
                        continue
                    }
                }
                out.append(byte)
                index += 1
            }
            if !soft, number < lines.count - 1 { out.append(UInt8(ascii: "\n")) }
        }
        return out
    }

    /// Base64, skipping anything outside the alphabet and tolerating missing padding.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
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

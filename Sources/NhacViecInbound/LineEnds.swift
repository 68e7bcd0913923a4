import Foundation

/// Line ends in decoded text: CRLF, a lone CR and LF all end a line, whatever transfer encoding carried them.
///
/// Swift reads "\r\n" as one `Character`, so text that kept its CRLF never splits at `"\n"`; every body is
/// therefore brought to LF once, right after its transfer encoding is undone and before anything reads lines.
enum LineEnds {
    /// The bytes with every CRLF and every lone CR replaced by one LF. Charsets we read are ASCII-compatible,
    /// so a CR or LF byte is always that character. Runs between CRs are copied whole, found by memchr.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, 13, buffer.count) != nil else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            var start = 0
            while start < buffer.count {
                guard let found = memchr(base + start, 13, buffer.count - start) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
                    break
                }
                let carriageReturn = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<carriageReturn]))
                out.append(10)
                start = carriageReturn + 1
                if start < buffer.count, buffer[start] == 10 { start += 1 }
            }
            return out
        }
    }

    /// The lines of the text, split at CRLF, CR or LF, without their line ends; a text ending in a line end
    /// has an empty last line, as `split(omittingEmptySubsequences: false)` gives.
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "\n" || scalar == "\r" else {
                index = scalars.index(after: index)
                continue
            }
            lines.append(text[start..<index])
            index = scalars.index(after: index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            start = index
        }
        lines.append(text[start..<scalars.endIndex])
        return lines
    }
}

import Foundation

/// Splits a multipart body (LF or CRLF line ends) into its parts at the boundary delimiter lines (RFC 2046 §5.1).
enum MultipartSplitter {
    /// The parts, as slices of the body (no copy), preamble and epilogue dropped; an unterminated last part
    /// still counts. One pass over the body: each line is compared with the delimiter at most once, and `work`
    /// counts the bytes passed over.
    static func parts(of body: ArraySlice<UInt8>, boundary: String, work: inout Int) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        // Offsets into the buffer; a nested body is split once per level, so this loop is kept to memchr and
        // plain comparisons rather than generic slice operations.
        var ranges: [Range<Int>] = []
        body.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            // Where the part being read starts; nil in the preamble.
            var partStart: Int?
            var start = 0
            while start < count {
                let found = memchr(base + start, 10, count - start)
                let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
                work += end - start + 1
                let kind = kind(of: UnsafeBufferPointer(rebasing: buffer[start..<end]), delimiter: delimiter)
                if kind != .content {
                    // The line break before a delimiter belongs to the delimiter, not to the part.
                    if let open = partStart {
                        ranges.append(open..<max(open, breakStart(before: start, in: buffer)))
                    }
                    if kind == .close { return }
                    partStart = min(end + 1, count)
                }
                start = end + 1
            }
            // An unterminated last part ends before the body's final line break, as a terminated one would.
            if let open = partStart, open < count {
                ranges.append(open..<max(open, breakStart(before: count, in: buffer)))
            }
        }
        return ranges.map { body[(body.startIndex + $0.lowerBound)..<(body.startIndex + $0.upperBound)] }
    }

    private enum LineKind { case delimiter, close, content }

    /// Where the CRLF or LF that ends the line before `lineStart` begins.
    private static func breakStart(before lineStart: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var index = lineStart
        if index > 0, buffer[index - 1] == UInt8(ascii: "\n") { index -= 1 }
        if index > 0, buffer[index - 1] == 13 { index -= 1 }
        return index
    }

    private static func kind(of line: UnsafeBufferPointer<UInt8>, delimiter: [UInt8]) -> LineKind {
        guard line.first == UInt8(ascii: "-"), line.count >= delimiter.count,
              memcmp(line.baseAddress!, delimiter, delimiter.count) == 0 else { return .content }
        var rest = line[delimiter.count...]
        let closes = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
        if closes { rest = rest.dropFirst(2) }
        // Transport may add whitespace after a delimiter; anything else means a longer boundary, not ours.
        guard rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) else { return .content }
        return closes ? .close : .delimiter
    }
}

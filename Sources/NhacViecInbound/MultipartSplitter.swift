/// Splits a multipart body (LF or CRLF line ends) into its parts at the boundary delimiter lines (RFC 2046 §5.1).
enum MultipartSplitter {
    /// The parts, as slices of the body (no copy), preamble and epilogue dropped; an unterminated last part
    /// still counts. One pass over the body: each line is compared with the delimiter at most once, and `work`
    /// counts the bytes passed over.
    static func parts(of body: ArraySlice<UInt8>, boundary: String, work: inout Int) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        // Where the part being read starts; nil in the preamble.
        var partStart: Int?
        var start = body.startIndex
        while start < body.endIndex {
            let end = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            work += end - start + 1
            let kind = kind(of: body[start..<end], delimiter: delimiter)
            if kind != .content {
                // The line break before a delimiter belongs to the delimiter, not to the part.
                if let open = partStart { parts.append(body[open..<max(open, breakStart(before: start, in: body))]) }
                if kind == .close { return parts }
                partStart = min(end + 1, body.endIndex)
            }
            start = end + 1
        }
        // An unterminated last part ends before the body's final line break, as a terminated one would.
        if let open = partStart, open < body.endIndex {
            parts.append(body[open..<max(open, breakStart(before: body.endIndex, in: body))])
        }
        return parts
    }

    private enum LineKind { case delimiter, close, content }

    /// Where the CRLF or LF that ends the line before `lineStart` begins.
    private static func breakStart(before lineStart: Int, in body: ArraySlice<UInt8>) -> Int {
        var index = lineStart
        if index > body.startIndex, body[index - 1] == UInt8(ascii: "\n") { index -= 1 }
        if index > body.startIndex, body[index - 1] == 13 { index -= 1 }
        return index
    }

    private static func kind(of line: ArraySlice<UInt8>, delimiter: [UInt8]) -> LineKind {
        guard line.first == UInt8(ascii: "-"), line.starts(with: delimiter) else { return .content }
        var rest = line.dropFirst(delimiter.count)
        let closes = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
        if closes { rest = rest.dropFirst(2) }
        // Transport may add whitespace after a delimiter; anything else means a longer boundary, not ours.
        guard rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) else { return .content }
        return closes ? .close : .delimiter
    }
}

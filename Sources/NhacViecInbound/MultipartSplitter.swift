/// Splits a multipart body (LF line ends) into its parts at the boundary delimiter lines (RFC 2046 §5.1).
enum MultipartSplitter {
    /// The parts' bytes, preamble and epilogue dropped; an unterminated last part still counts.
    static func parts(of body: [UInt8], boundary: String) -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [[UInt8]] = []
        // The lines of the part being read; nil in the preamble.
        var lines: [ArraySlice<UInt8>]?
        // The line break before a delimiter belongs to the delimiter, so lines are joined, not terminated.
        func finish() {
            if let lines { parts.append(Array(lines.joined(separator: [UInt8(ascii: "\n")]))) }
        }
        var start = 0
        while start < body.count {
            let end = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.count
            let line = body[start..<end]
            switch kind(of: line, delimiter: delimiter) {
            case .delimiter:
                finish()
                lines = []
            case .close:
                finish()
                return parts
            case .content:
                lines?.append(line)
            }
            start = end + 1
        }
        finish()
        return parts
    }

    private enum LineKind { case delimiter, close, content }

    private static func kind(of line: ArraySlice<UInt8>, delimiter: [UInt8]) -> LineKind {
        guard line.starts(with: delimiter) else { return .content }
        var rest = line.dropFirst(delimiter.count)
        let closes = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
        if closes { rest = rest.dropFirst(2) }
        // Transport may add whitespace after a delimiter; anything else means a longer boundary, not ours.
        guard rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) else { return .content }
        return closes ? .close : .delimiter
    }
}

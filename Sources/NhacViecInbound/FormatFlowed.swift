/// RFC 3676 format=flowed, which Thunderbird and Apple Mail use: a line ending in a space continues on the next.
enum FormatFlowed {
    /// The text with soft line breaks joined, each paragraph on one line, quotes rewritten as `> `.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var out: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            let depth = line.prefix { $0 == ">" }.count
            line = line.dropFirst(depth)
            if line.hasPrefix(" ") { line = line.dropFirst() }  // space-stuffing
            if let open = paragraph, depth != paragraphDepth {
                // A change of quote depth ends a paragraph even after a soft break (RFC 3676 §4.5).
                out.append(quoted(open, depth: paragraphDepth))
                paragraph = nil
            }
            let isFlowed = line.hasSuffix(" ") && line != "-- "
            let content = isFlowed && deleteSpace ? String(line.dropLast()) : String(line)
            paragraph = (paragraph ?? "") + content
            paragraphDepth = depth
            if !isFlowed {
                out.append(quoted(paragraph!, depth: depth))
                paragraph = nil
            }
        }
        if let open = paragraph { out.append(quoted(open, depth: paragraphDepth)) }
        return out.joined(separator: "\n")
    }

    private static func quoted(_ line: String, depth: Int) -> String {
        depth == 0 ? line : String(repeating: ">", count: depth) + " " + line
    }
}

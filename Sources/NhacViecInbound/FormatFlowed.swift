/// RFC 3676 format=flowed, which Thunderbird and Apple Mail use: a line ending in a space continues on the next.
enum FormatFlowed {
    /// The text with soft line breaks joined, each paragraph on one line, quotes rewritten as `> `.
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var work = 0
        return unflow(text, deleteSpace: deleteSpace, work: &work)
    }

    /// The unflowed text; `work` counts the bytes written and the lines read, which is the whole cost.
    ///
    /// Each line is appended once to one output string. Building each paragraph as a new string per line
    /// copied it again for every line: a 4 MB paragraph took 40 s.
    static func unflow(_ text: String, deleteSpace: Bool, work: inout Int) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Whether the last line written ended in a soft break, so this one continues its paragraph.
        var isOpen = false
        var openDepth = 0
        var isFirst = true
        for rawLine in LineEnds.lines(text) {
            var line = rawLine
            let depth = line.prefix { $0 == ">" }.count
            line = line.dropFirst(depth)
            if line.hasPrefix(" ") { line = line.dropFirst() }  // space-stuffing
            // A change of quote depth ends a paragraph even after a soft break (RFC 3676 §4.5).
            if isOpen, depth != openDepth { isOpen = false }
            let isFlowed = line.hasSuffix(" ") && line != "-- "
            let content = isFlowed && deleteSpace ? line.dropLast() : line
            if !isOpen {
                if !isFirst { out.append("\n") }
                if depth > 0 { out += String(repeating: ">", count: depth) + " " }
                isFirst = false
            }
            out += content
            work += content.utf8.count + depth + 2
            isOpen = isFlowed
            openDepth = depth
        }
        return out
    }
}

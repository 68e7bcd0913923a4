/// An HTML body as the plain text a person sees, with blockquoted text marked `> ` so it reads as quoted.
enum HTMLText {
    /// Elements whose content is never shown.
    private static let hidden: Set<String> = ["head", "style", "script", "title", "template", "xml"]
    /// Elements that start and end a line.
    private static let blocks: Set<String> = [
        "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
        "blockquote", "section", "article", "header", "footer", "center", "address", "dl", "dt", "dd",
    ]

    /// Deeper quoting than any thread reaches is written as this many `>`, so that 100,000 open blockquotes
    /// cannot make every following line 100,000 characters long.
    static let maximumQuoteDepth = 16

    /// The text of the HTML document, lines separated by `\n`.
    static func plainText(_ html: String) -> String {
        var work = 0
        return plainText(html, work: &work)
    }

    /// The text of the HTML document; `work` counts the bytes every scan looked at, a small multiple of the
    /// document's size whatever its markup.
    static func plainText(_ html: String, work: inout Int) -> String {
        var writer = LineWriter()
        let array = Array(html.utf8)
        array.withUnsafeBufferPointer { bytes in
            let lastClose = bytes.lastIndex(of: UInt8(ascii: ">")) ?? -1
            work += bytes.count - max(lastClose, 0)
            // Hidden elements found never to close: a later one cannot close either, so it is not searched again.
            var unclosed: Set<String> = []
            var index = 0
            var textStart = 0
            while let open = HTMLTag.find(bytes, "<", from: index, work: &work) {
                guard let tag = HTMLTag.read(bytes, at: open, lastClose: lastClose, work: &work) else {
                    index = open + 1
                    continue
                }
                writer.write(String(decoding: bytes[textStart..<open], as: UTF8.self))
                index = tag.end
                defer { textStart = index }
                guard let name = tag.name else { continue }
                if hidden.contains(name), !tag.isClosing, !tag.isSelfClosing, !unclosed.contains(name) {
                    if let end = HTMLTag.endOfElement(name, in: bytes, from: index, lastClose: lastClose, work: &work) {
                        index = end
                    } else {
                        unclosed.insert(name)
                    }
                } else if name == "br" {
                    writer.newline()
                } else if blocks.contains(name) {
                    writer.breakLine()
                    if name == "blockquote" { writer.depth = max(0, writer.depth + (tag.isClosing ? -1 : 1)) }
                } else if name == "td" || name == "th", !tag.isClosing {
                    writer.write(" ")
                }
            }
            writer.write(String(decoding: bytes[textStart...], as: UTF8.self))
        }
        return writer.finish()
    }
}

/// Accumulates HTML text into lines, collapsing whitespace as a browser would, each line with its quote depth.
private struct LineWriter {
    var depth = 0
    private var lines: [(depth: Int, text: String)] = []
    private var current = ""
    private var currentDepth = 0
    /// Whether `current` ends in a space. Kept as a flag: asking the string reads its last grapheme cluster,
    /// which a body of combining marks makes as long as itself, and that on every write.
    private var endsInSpace = false

    mutating func write(_ raw: String) {
        guard !raw.isEmpty else { return }
        let collapsed = raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .joined(separator: " ")
        var decoded = HTMLEntities.decode(collapsed)
        if raw.first.map(\.isWhitespace) == true { decoded = " " + decoded }
        if raw.last.map(\.isWhitespace) == true, !collapsed.isEmpty { decoded += " " }
        if endsInSpace, decoded.hasPrefix(" ") { decoded.removeFirst() }
        if current.isEmpty {
            decoded = String(decoded.drop { $0 == " " })
            if decoded.isEmpty { return }
            currentDepth = depth
        }
        guard !decoded.isEmpty else { return }
        current += decoded
        endsInSpace = decoded.hasSuffix(" ")
    }

    /// `<br>`: always a new line, so two of them leave an empty line.
    mutating func newline() {
        if current.isEmpty { currentDepth = depth }
        lines.append((currentDepth, current))
        current = ""
        endsInSpace = false
    }

    /// A block's edge: a new line unless one was just started.
    mutating func breakLine() {
        if !current.isEmpty { newline() }
    }

    mutating func finish() -> String {
        breakLine()
        return lines.map { line in
            let text = line.text.trimmingWhitespace()
            guard line.depth > 0 else { return text }
            let marks = String(repeating: ">", count: min(line.depth, HTMLText.maximumQuoteDepth))
            return marks + (text.isEmpty ? "" : " " + text)
        }.joined(separator: "\n")
    }
}

/// An HTML body as the plain text a person sees, with blockquoted text marked `> ` so it reads as quoted.
enum HTMLText {
    /// Elements whose content is never shown.
    private static let hidden: Set<String> = ["head", "style", "script", "title", "template", "xml"]
    /// Elements that start and end a line.
    private static let blocks: Set<String> = [
        "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre",
        "blockquote", "section", "article", "header", "footer", "center", "address", "dl", "dt", "dd",
    ]

    /// The text of the HTML document, lines separated by `\n`.
    static func plainText(_ html: String) -> String {
        var writer = LineWriter()
        let scalars = Array(html.unicodeScalars)
        let lastClose = scalars.lastIndex(of: ">") ?? -1
        // Hidden elements found never to close: a later one cannot close either, so it is not searched again.
        var unclosed: Set<String> = []
        var index = 0
        var text = String.UnicodeScalarView()
        while index < scalars.count {
            guard scalars[index] == "<", let tag = HTMLTag.read(scalars, at: index, lastClose: lastClose) else {
                text.append(scalars[index])
                index += 1
                continue
            }
            writer.write(String(text))
            text = String.UnicodeScalarView()
            index = tag.end
            guard let name = tag.name else { continue }
            if hidden.contains(name), !tag.isClosing, !tag.isSelfClosing, !unclosed.contains(name) {
                if let end = HTMLTag.endOfElement(name, in: scalars, from: index, lastClose: lastClose) {
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
        writer.write(String(text))
        return writer.finish()
    }
}

/// Accumulates HTML text into lines, collapsing whitespace as a browser would, each line with its quote depth.
private struct LineWriter {
    var depth = 0
    private var lines: [(depth: Int, text: String)] = []
    private var current = ""
    private var currentDepth = 0

    mutating func write(_ raw: String) {
        let collapsed = raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            .joined(separator: " ")
        var decoded = HTMLEntities.decode(collapsed)
        if raw.first.map(\.isWhitespace) == true { decoded = " " + decoded }
        if raw.last.map(\.isWhitespace) == true, !collapsed.isEmpty { decoded += " " }
        if current.hasSuffix(" "), decoded.hasPrefix(" ") { decoded.removeFirst() }
        if current.isEmpty {
            decoded = String(decoded.drop { $0 == " " })
            if decoded.isEmpty { return }
            currentDepth = depth
        }
        current += decoded
    }

    /// `<br>`: always a new line, so two of them leave an empty line.
    mutating func newline() {
        if current.isEmpty { currentDepth = depth }
        lines.append((currentDepth, current))
        current = ""
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
            return String(repeating: ">", count: line.depth) + (text.isEmpty ? "" : " " + text)
        }.joined(separator: "\n")
    }
}

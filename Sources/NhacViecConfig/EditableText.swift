/// A text with edits at libyaml's positions (Unicode scalar indexes, a CRLF counting two), applied all at once
/// from the end so that an earlier edit never moves a later position.
struct EditableText {
    private let scalars: [Unicode.Scalar]
    private var edits: [(range: Range<Int>, replacement: String)] = []
    /// `\r\n` when the file uses it, so that an inserted line matches its neighbours.
    let lineEnding: String

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let firstBreak = scalars.firstIndex(of: "\n")
        self.scalars = scalars
        lineEnding = firstBreak.map { $0 > 0 && scalars[$0 - 1] == "\r" } == true ? "\r\n" : "\n"
    }

    /// The text with every edit applied.
    var string: String {
        var result = scalars
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.replacement.unicodeScalars)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: result)
        return String(view)
    }

    /// Replaces a scalar, quotes included.
    mutating func replace(_ scalar: Node.Scalar, with replacement: String) {
        edits.append((scalar.mark.index..<scalar.end.index, replacement))
    }

    /// The value in the same quotes as the scalar it replaces, or plain when that was plain.
    func requoted(_ scalar: Node.Scalar, _ value: String) -> String {
        guard scalar.style == .quoted, scalar.mark.index < scalars.count else { return value }
        let quote = scalars[scalar.mark.index]
        return quote == "'" || quote == "\"" ? "\(quote)\(value)\(quote)" : value
    }

    /// Whether a mapping is written `{...}` rather than as indented lines.
    func isFlow(_ mapping: Node.Mapping) -> Bool {
        mapping.mark.index < scalars.count && scalars[mapping.mark.index] == "{"
    }

    /// Adds `key: value` after a pair: `, pair` in a flow mapping, or a line of its own, indented like the key.
    mutating func insertPair(_ pair: String, after key: Node, value: Node.Scalar, flow: Bool) {
        if flow {
            edits.append((value.end.index..<value.end.index, ", \(pair)"))
            return
        }
        let keyIndex = key.mark?.index ?? value.mark.index
        let lineStart = scalars[..<keyIndex].lastIndex(where: { $0 == "\n" }).map { $0 + 1 } ?? 0
        let indent = String(repeating: " ", count: keyIndex - lineStart)
        if let newline = scalars[min(value.end.index, scalars.count)...].firstIndex(of: "\n") {
            edits.append((newline + 1..<newline + 1, indent + pair + lineEnding))
        } else {
            edits.append((scalars.count..<scalars.count, lineEnding + indent + pair))
        }
    }
}

/// One markup construct at a `<`: a start or end tag, a comment, or a declaration, and where it ends.
struct HTMLTag {
    /// The lowercased element name; nil for comments, declarations and processing instructions.
    let name: String?
    let isClosing: Bool
    let isSelfClosing: Bool
    /// The index just past the construct.
    let end: Int

    /// How far a tag is read with attention to quoted values. Beyond it (an unbalanced quote, a long
    /// data: URI) the tag ends at the next `>`, so a hostile body costs linear time, not quadratic.
    static let quotedScanLimit = 1024

    /// The construct at `start`, or nil when the `<` is plain text (`a < b`); `lastClose` is the index of the
    /// document's last `>`, after which no tag can end.
    static func read(_ scalars: [Unicode.Scalar], at start: Int, lastClose: Int) -> HTMLTag? {
        guard start < lastClose else { return nil }
        if matches(scalars, at: start, "<!--") {
            let close = find(scalars, "-->", from: start + 4)
            return HTMLTag(name: nil, isClosing: false, isSelfClosing: false, end: close.map { $0 + 3 } ?? scalars.count)
        }
        guard start + 1 < scalars.count else { return nil }
        let second = scalars[start + 1]
        if second == "!" || second == "?" {
            let close = scalars[start...].firstIndex(of: ">") ?? scalars.count - 1
            return HTMLTag(name: nil, isClosing: false, isSelfClosing: false, end: close + 1)
        }
        var index = start + 1
        let isClosing = second == "/"
        if isClosing { index += 1 }
        var name = ""
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index])
                || scalars[index] == ":" || scalars[index] == "-" {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !name.isEmpty, let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        guard let close = endOfTag(scalars, from: index) ?? scalars[index...].firstIndex(of: ">") else { return nil }
        let isSelfClosing = close > start && scalars[close - 1] == "/"
        return HTMLTag(name: name.lowercased(), isClosing: isClosing, isSelfClosing: isSelfClosing, end: close + 1)
    }

    /// The index past `</name…>`, to skip a hidden element's content; nil when it is never closed.
    static func endOfElement(_ name: String, in scalars: [Unicode.Scalar], from start: Int, lastClose: Int) -> Int? {
        var index = start
        while let open = find(scalars, "</", from: index) {
            if let tag = read(scalars, at: open, lastClose: lastClose), tag.isClosing, tag.name == name { return tag.end }
            index = open + 2
        }
        return nil
    }

    /// The `>` ending a tag, skipping quoted attribute values that may contain one.
    private static func endOfTag(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var quote: Unicode.Scalar?
        var index = start
        while index < min(scalars.count, start + quotedScanLimit) {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func matches(_ scalars: [Unicode.Scalar], at start: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.unicodeScalars)
        guard start + pattern.count <= scalars.count else { return false }
        return scalars[start..<(start + pattern.count)].elementsEqual(pattern)
    }

    private static func find(_ scalars: [Unicode.Scalar], _ literal: String, from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if matches(scalars, at: index, literal) { return index }
            index += 1
        }
        return nil
    }
}

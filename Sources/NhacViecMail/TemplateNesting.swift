/// How deeply a Mustache template nests its sections, found without parsing it.
///
/// swift-mustache parses each section by recursion, so a template nesting thousands of sections overflows the
/// stack and kills the process; a plan file must not be able to do that. This scan follows the parser's rules
/// closely enough to count the nesting: a tag's kind is the character right after the start delimiter, and a
/// delimiter change (`{{=<% %>=}}`) lasts until the end of the section it is made in, as in that parser.
enum TemplateNesting {
    /// The deepest nesting a template may have; real reminders need two or three levels.
    static let maximumDepth = 32

    /// Where a template first nests deeper than `maximumDepth`, 1-based, or nil when it stays within it.
    static func tooDeep(_ source: String) -> (line: Int, column: Int)? {
        let characters = Array(source)
        var delimiters = [(open: Array("{{"), close: Array("}}"))]
        var index = 0
        while let start = find(delimiters[delimiters.count - 1].open, in: characters, from: index) {
            let current = delimiters[delimiters.count - 1]
            let contentStart = start + current.open.count
            guard let end = find(current.close, in: characters, from: contentStart) else { return nil }
            index = end + current.close.count
            // An empty tag has no kind: when the close delimiter starts with a kind character (`=%>` after
            // `{{=<% =%>=}}`), the character after the open one belongs to the close and must not be read as one.
            switch end > contentStart ? characters[contentStart] : nil {
            case "#", "^", "$", "<":
                delimiters.append(current)
                if delimiters.count - 1 > maximumDepth { return position(of: start, in: characters) }
            case "/":
                if delimiters.count > 1 { delimiters.removeLast() }
            case "=":
                guard let changed = Self.delimiters(Array(characters[(contentStart + 1)..<end])) else { return nil }
                delimiters[delimiters.count - 1] = changed
            default:
                break
            }
        }
        return nil
    }

    /// The new delimiters of a set-delimiter tag's content (`<% %>=`); nil when malformed, which the parser reports.
    private static func delimiters(_ content: [Character]) -> (open: [Character], close: [Character])? {
        guard content.last == "=" else { return nil }
        let parts = content.dropLast().split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 else { return nil }
        return (Array(parts[0]), Array(parts[1]))
    }

    private static func find(_ needle: [Character], in haystack: [Character], from start: Int) -> Int? {
        guard !needle.isEmpty, start + needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func position(of offset: Int, in characters: [Character]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in characters[..<offset] {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

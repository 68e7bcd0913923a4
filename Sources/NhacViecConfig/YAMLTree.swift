// CYaml is the libyaml module inside the Yams package. Yams builds it as a target of its own but does
// not export it as a product; SwiftPM still lets a dependent import it, and it is plain libyaml 0.2.5,
// whose C API has not changed in a decade. Package.swift pins Yams exactly to the version this was
// checked with (6.2.2), so an update is a deliberate step that rebuilds and reruns the YAML tests.
import CYaml
import NhacViecCore

/// A position in a file, 1-based.
struct Mark: Sendable, Hashable {
    /// Line, from 1.
    let line: Int
    /// Column, from 1, counted in Unicode scalars as libyaml does.
    let column: Int
    /// Unicode scalars before this place (a CRLF counts two; a byte order mark none), for editing the text.
    let index: Int

    init(line: Int, column: Int, index: Int = 0) {
        self.line = line
        self.column = column
        self.index = index
    }

    init(_ mark: yaml_mark_t) {
        self.init(line: mark.line + 1, column: mark.column + 1, index: mark.index)
    }
}

/// A YAML node as the configuration readers need it: text, lists and mappings with their places.
///
/// Built from libyaml's events (the C library inside Yams) rather than `Yams.Node`: every value is
/// read as text, so there are no tags to resolve, and a large configuration loads several times
/// faster. Aliases are expanded when parsed.
enum Node: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(List)

    /// A single value.
    struct Scalar: Sendable {
        enum Style: Sendable { case plain, quoted, block }
        let string: String
        let style: Style
        let mark: Mark
        /// Just after its last character (after a closing quote).
        let end: Mark
    }

    /// Key-value pairs in file order.
    struct Mapping: RandomAccessCollection, Sendable {
        let pairs: [(key: Node, value: Node)]
        let mark: Mark
        /// Just after its closing `}` in flow style; where the next node starts in block style.
        let end: Mark
        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: Node, value: Node) { pairs[position] }
    }

    /// Items in file order.
    struct List: RandomAccessCollection, Sendable {
        let items: [Node]
        let mark: Mark
        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> Node { items[position] }
    }

    /// Where the node starts.
    var mark: Mark? {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .mapping(let mapping): return mapping.mark
        case .sequence(let list): return list.mark
        }
    }

    /// The scalar, if this is one.
    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

/// A YAML file that libyaml could not read, with libyaml's own words and place.
struct YAMLSyntaxError: Error, Sendable {
    let problem: String
    let context: String?
    let mark: Mark
}

/// Parses the first document of a YAML text into `Node`s.
enum YAMLTree {
    /// An open mapping or sequence; a class, so that appending does not copy what was gathered.
    private final class Frame {
        let isMapping: Bool
        let mark: Mark
        let anchor: String?
        var items: [Node] = []
        var pairs: [(key: Node, value: Node)] = []
        var pendingKey: Node?
        /// The line of each text key seen so far, so a duplicate is found without rescanning every pair.
        var keyLines: [String: Int] = [:]

        init(isMapping: Bool, mark: Mark, anchor: String?) {
            self.isMapping = isMapping
            self.mark = mark
            self.anchor = anchor
        }
    }

    /// libyaml's default limit on nesting, which keeps its parser and our tree shallow enough for any stack.
    static let maximumNesting = 1000

    static func parse(_ text: String) throws(YAMLSyntaxError) -> Node? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLSyntaxError(problem: "out of memory", context: nil, mark: Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLSyntaxError) -> Node? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = Builder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.take(event)
            }
            return builder.root
        }
    }

    private static func syntaxError(_ parser: yaml_parser_t) -> YAMLSyntaxError {
        let mark = Mark(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        // libyaml's own words name a C function; the admin needs to know what in the file is wrong.
        if problem.hasPrefix("Maximum nesting level reached") {
            return YAMLSyntaxError(problem: "lists and mappings are nested more than \(maximumNesting) levels deep",
                                   context: nil, mark: mark)
        }
        return YAMLSyntaxError(problem: problem, context: parser.context.map { String(cString: $0) }, mark: mark)
    }

    private struct Builder {
        var root: Node?
        private var stack: [Frame] = []
        private var anchors: [String: Node] = [:]
        private var documents = 0

        mutating func take(_ event: yaml_event_t) throws(YAMLSyntaxError) {
            let mark = Mark(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLSyntaxError(problem: "a second document ('---') in one file", context: nil, mark: mark)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: Node.Scalar.Style
                switch scalar.style {
                case YAML_PLAIN_SCALAR_STYLE: style = .plain
                case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
                default: style = .quoted
                }
                let node = Node.scalar(Node.Scalar(string: text, style: style, mark: mark, end: Mark(event.end_mark)))
                remember(node, anchor: scalar.anchor)
                try add(node)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(isMapping: false, mark: mark, anchor: name(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(isMapping: true, mark: mark, anchor: name(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                let node: Node = frame.isMapping ? .mapping(Node.Mapping(pairs: frame.pairs, mark: frame.mark, end: Mark(event.end_mark)))
                    : .sequence(Node.List(items: frame.items, mark: frame.mark))
                if let anchor = frame.anchor { anchors[anchor] = node }
                try add(node)
            case YAML_ALIAS_EVENT:
                let alias = name(event.data.alias.anchor) ?? ""
                guard let node = anchors[alias] else {
                    throw YAMLSyntaxError(problem: "alias '*\(alias)' names no anchor", context: nil, mark: mark)
                }
                try add(node)
            default:
                break
            }
        }

        private mutating func remember(_ node: Node, anchor: UnsafeMutablePointer<yaml_char_t>?) {
            if let anchor = name(anchor) { anchors[anchor] = node }
        }

        private func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
        }

        private mutating func add(_ node: Node) throws(YAMLSyntaxError) {
            guard let top = stack.last else {
                root = node
                return
            }
            guard top.isMapping else {
                top.items.append(node)
                return
            }
            guard let key = top.pendingKey else {
                top.pendingKey = node
                return
            }
            if let text = key.scalar?.string {
                if let line = top.keyLines[text] {
                    throw YAMLSyntaxError(problem: "duplicate key '\(text)' (first on line \(line))", context: nil,
                                          mark: key.mark ?? top.mark)
                }
                top.keyLines[text] = key.mark?.line ?? 0
            }
            top.pairs.append((key, node))
            top.pendingKey = nil
        }
    }
}

extension SourcePosition {
    /// The position of a libyaml mark, or 1:1 when the node has none.
    init(_ mark: Mark?) {
        self.init(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}

import NhacViecCore

/// Reads typed values out of a Yams node tree, recording a positioned diagnostic for every problem.
final class NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func error(_ node: Node?, _ message: String) {
        report(node, .error, message)
    }

    func warning(_ node: Node?, _ message: String) {
        report(node, .warning, message)
    }

    func error(at mark: Mark?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: .error, message: message))
    }

    private func report(_ node: Node?, _ severity: Diagnostic.Severity, _ message: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, severity: severity, message: message))
    }

    /// The pairs of a mapping, reporting unknown keys (with the nearest known one) and a non-mapping.
    func mapping(_ node: Node?, _ what: String, known: [String]) -> Fields {
        guard let node else { return Fields() }
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values, not \(describe(node))")
            return Fields()
        }
        var result = Fields()
        for (key, value) in mapping {
            guard let name = keyName(key, what) else { continue }
            if !known.isEmpty && !known.contains(name) {
                error(key, "unknown key '\(name)' in \(what)\(KeySuggestion.hint(for: name, among: known))")
                continue
            }
            result[name] = (key, value)
        }
        return result
    }

    /// The ordered entries of a mapping whose keys are free names (departments, events, holidays).
    func entries(_ node: Node?, _ what: String) -> [(key: Node, name: String, value: Node)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping, not \(describe(node))")
            return []
        }
        return mapping.compactMap { key, value in
            keyName(key, what).map { (key, $0, value) }
        }
    }

    /// A key's text, if it is plain text without control characters, which would otherwise reach the messages.
    private func keyName(_ key: Node, _ what: String) -> String? {
        guard let name = key.scalar?.string else {
            error(key, "a key in \(what) must be plain text")
            return nil
        }
        if let control = ControlCharacters.none.firstForbidden(in: name) {
            error(key, "control character \(ControlCharacters.name(control)) in a key of \(what); delete it (\(ControlCharacters.none.permitted))")
            return nil
        }
        return name
    }

    /// A scalar's text, with no control characters beyond those `controls` allows.
    func text(_ node: Node?, _ what: String, allowEmpty: Bool = false, controls: ControlCharacters = .none) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            error(node, "\(what) must be a single value, not \(describe(node))")
            return nil
        }
        if scalar.style == .plain && (scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty) {
            error(node, "\(what) must not be empty")
            return nil
        }
        if !allowEmpty && scalar.string.utf8.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            error(node, "\(what) must not be empty")
            return nil
        }
        if let control = controls.firstForbidden(in: scalar.string) {
            error(node, "control character \(ControlCharacters.name(control)) in \(what); delete it (\(controls.permitted))")
            return nil
        }
        return scalar.string
    }

    /// The longest name or title, in Unicode scalars: the longest real ones are about a hundred, and every one
    /// is repeated in each reminder's subject, headers and body.
    static let maximumNameLength = 300

    /// A name or title: header text no longer than `maximumNameLength`.
    func name(_ node: Node?, _ what: String) -> String? {
        guard let value = headerText(node, what) else { return nil }
        let length = value.unicodeScalars.count
        guard length <= Self.maximumNameLength else {
            error(node, "\(what) is \(length) characters long; the limit is \(Self.maximumNameLength) (it goes into every reminder's subject or headers)")
            return nil
        }
        return value
    }

    /// Text that ends up in a mail header: no line breaks, which would let it inject headers.
    func headerText(_ node: Node?, _ what: String, allowTabs: Bool = false) -> String? {
        guard let value = text(node, what, controls: allowTabs ? .tabsAndLineBreaks : .lineBreaks) else { return nil }
        if value.utf8.contains(where: { $0 == 10 || $0 == 13 }) || value.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }) {
            error(node, "\(what) must be on one line: it goes into a mail header, where a line break could add headers")
            return nil
        }
        return value
    }

    /// A scalar or a sequence of scalars, as a list.
    func list(_ node: Node?, _ what: String) -> [(node: Node, text: String)] {
        guard let node else { return [] }
        switch node {
        case .scalar:
            return text(node, what).map { [(node, $0)] } ?? []
        case .sequence(let sequence):
            if sequence.isEmpty { error(node, "\(what) must not be an empty list") }
            return sequence.compactMap { item in text(item, "each item of \(what)").map { (item, $0) } }
        default:
            error(node, "\(what) must be a value or a list of values, not \(describe(node))")
            return []
        }
    }

    func integer(_ node: Node?, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard let value = text(node, what) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            error(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value)'")
            return nil
        }
        return number
    }

    func date(_ node: Node?, _ what: String) -> LocalDate? {
        guard let value = text(node, what) else { return nil }
        return checkedDate(value, node, what)
    }

    func checkedDate(_ value: String, _ node: Node?, _ what: String) -> LocalDate? {
        guard let date = LocalDate(iso: value) else {
            error(node, "\(what) must be a date written YYYY-MM-DD, not '\(value)'")
            return nil
        }
        guard (StatutoryHolidays.firstYear...StatutoryHolidays.lastYear).contains(date.year) else {
            error(node, "\(what) \(value) is outside the supported years \(StatutoryHolidays.firstYear)-\(StatutoryHolidays.lastYear)")
            return nil
        }
        return date
    }

    func offset(_ node: Node?, _ what: String) -> Offset? {
        guard let value = text(node, what) else { return nil }
        guard let offset = Offset(text: value) else {
            error(node, "\(what) must be a number of days like '7d' or of working days like '5wd', not '\(value)'")
            return nil
        }
        return offset
    }

    func address(_ node: Node, _ value: String, _ what: String) -> String? {
        guard MailAddress.isValid(value) else {
            error(node, "\(what) '\(value.debugDescriptionWithoutQuotes)' is not a valid mail address (expected name@domain)")
            return nil
        }
        return value
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

extension String {
    /// The text with control characters escaped, for messages.
    var debugDescriptionWithoutQuotes: String { String(debugDescription.dropFirst().dropLast()) }
}

extension Node.Mapping {
    /// The value under a plain-text key; cheaper than Yams's subscript, which resolves tags with regular expressions.
    func value(forKey key: String) -> Node? {
        first { $0.key.scalar?.string == key }?.value
    }
}

/// The fields of a mapping by key: a handful per mapping, so a list beats hashing.
struct Fields {
    private var entries: [(name: String, field: (key: Node, value: Node))] = []

    subscript(name: String) -> (key: Node, value: Node)? {
        get { entries.first { $0.name == name }?.field }
        set {
            entries.removeAll { $0.name == name }
            if let newValue { entries.append((name, newValue)) }
        }
    }
}

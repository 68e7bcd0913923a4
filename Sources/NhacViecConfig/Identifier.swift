/// The ids of plans, tasks, departments and events: short, lowercase, safe in a Message-ID and a journal field.
enum Identifier {
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.")

    static func isValid(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first.isNumber, text.count <= 64 else { return false }
        return text.allSatisfy(allowed.contains)
    }

    static let rule = "use 1-64 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit"
}

extension NodeReader {
    func identifier(_ node: Node?, _ what: String) -> String? {
        guard let value = text(node, what) else { return nil }
        guard Identifier.isValid(value) else {
            error(node, "\(what) '\(value)' is not a valid id: \(Identifier.rule)")
            return nil
        }
        return value
    }
}


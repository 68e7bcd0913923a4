/// The ids of plans, tasks, departments and events: short, lowercase, safe in a Message-ID and a journal field.
enum Identifier {
    static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 64, (first >= 97 && first <= 122) || (first >= 48 && first <= 57) else {
            return false
        }
        return bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 || $0 == 46 }
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


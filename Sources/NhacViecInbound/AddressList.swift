/// The addresses in an address-list header (`From`, `To`, `Delivered-To`), display names and comments dropped.
enum AddressList {
    /// Each mailbox's `local@domain`, in order; groups contribute their members, garbage contributes nothing.
    static func addresses(in value: String) -> [String] {
        split(value).compactMap(address)
    }

    /// Splits at commas outside quoted strings, comments and angle brackets.
    private static func split(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false, escaped = false
        var comment = 0, angle = 0
        for character in value {
            if escaped { escaped = false; current.append(character); continue }
            switch character {
            case "\\" where quoted || comment > 0: escaped = true
            case "\"" where comment == 0: quoted.toggle()
            case "(" where !quoted: comment += 1
            case ")" where !quoted && comment > 0: comment -= 1
            case "<" where !quoted && comment == 0: angle += 1
            case ">" where !quoted && comment == 0 && angle > 0: angle -= 1
            case "," where !quoted && comment == 0 && angle == 0:
                pieces.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    /// The address of one mailbox: the text in angle brackets, else the bare text without comments.
    private static func address(_ mailbox: String) -> String? {
        var text = mailbox
        // A group (`Phòng Nội vụ: a@x, b@y;`) names its members after the colon.
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("<"), !text[..<colon].contains("@") {
            text = String(text[text.index(after: colon)...])
        }
        if let open = text.lastIndex(of: "<") {
            let inner = text[text.index(after: open)...].prefix { $0 != ">" }
            // An obsolete source route (`<@relay:user@host>`) precedes the real address.
            text = String(inner.split(separator: ":").last ?? inner)
        } else {
            text = withoutComments(text)
        }
        text = text.trimmingWhitespace().trimmingCharacters(in: ";")
        guard let at = text.lastIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex,
              !text.contains(where: { $0 == " " || $0 == "\t" }) else { return nil }
        return text
    }

    private static func withoutComments(_ text: String) -> String {
        var out = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" && depth > 0 { depth -= 1 } else if depth == 0 {
                out.append(character)
            }
        }
        return out
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

/// A parsed `Content-Type` value: the media type and its parameters.
struct ContentType: Equatable, Sendable {
    /// `text`, `multipart`…, lowercased.
    let type: String
    /// `plain`, `html`, `alternative`…, lowercased.
    let subtype: String
    /// Parameters by lowercased name, values unquoted.
    let parameters: [String: String]

    /// Parses the field's value; absent or unreadable means text/plain, as RFC 2045 says.
    init(_ value: String?) {
        let pieces = ContentType.split(value ?? "")
        let media = (pieces.first ?? "").trimmingWhitespace().lowercased().split(separator: "/", maxSplits: 1)
        if media.count == 2, !media[0].isEmpty, !media[1].isEmpty {
            type = String(media[0]).trimmingWhitespace()
            subtype = String(media[1]).trimmingWhitespace()
        } else {
            type = "text"
            subtype = "plain"
        }
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingWhitespace().lowercased()
            parameters[name] = ContentType.unquote(piece[piece.index(after: equals)...].trimmingWhitespace())
        }
        self.parameters = parameters
    }

    /// The `charset` parameter.
    var charset: Charset { Charset(label: parameters["charset"]) }

    /// Splits at `;` outside quoted strings.
    private static func split(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped { escaped = false } else if character == "\\" && quoted { escaped = true } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var out = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if !escaped, character == "\\" { escaped = true; continue }
            escaped = false
            out.append(character)
        }
        return out
    }
}

import Foundation

/// A mail address with an optional display name, as it appears in `From`, `To` and `Cc`.
struct Mailbox: Hashable {
    /// The display name, e.g. `Văn phòng HĐND và UBND phường`.
    var name: String?
    /// The bare address.
    var address: String

    /// A mailbox from its parts.
    init(name: String?, address: String) {
        let cleaned = name.map(HeaderText.clean)
        self.name = cleaned?.isEmpty == false ? cleaned : nil
        self.address = HeaderText.clean(address).replacingOccurrences(of: " ", with: "")
    }

    /// Parses a header value written by hand: `Name <address>`, `"Name" <address>` or a bare address.
    init(header: String) {
        let text = HeaderText.clean(header)
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
            self.init(name: nil, address: text)
            return
        }
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        self.init(name: name, address: address)
    }

    /// The header words: the encoded name, then the address in angle brackets; a bare address without a name.
    var words: [String] {
        guard let name else { return [address] }
        return EncodedWord.phrase(name) + ["<\(address)>"]
    }

    /// The words of an address list, with a comma after every mailbox but the last.
    static func listWords(_ mailboxes: [Mailbox]) -> [String] {
        var words: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var mine = mailbox.words
            if index < mailboxes.count - 1 { mine[mine.count - 1] += "," }
            words += mine
        }
        return words
    }
}

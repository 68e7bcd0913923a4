/// Validation of the plain mail addresses a plan may name.
public enum MailAddress {
    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
    private static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")

    /// Whether the text is a plain `local@domain` address that is safe on a sendmail command line and in a header.
    public static func isValid(_ text: String) -> Bool {
        guard text.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at], domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, local.first != "-", local.first != ".", local.last != ".",
              !local.contains(".."), local.allSatisfy(localCharacters.contains) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                && label.allSatisfy(domainCharacters.contains)
        }
    }

    /// The domain part of an address.
    public static func domain(of address: String) -> String {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) } ?? address
    }
}

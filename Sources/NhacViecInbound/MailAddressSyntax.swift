import NhacViecCore

/// The core's address validation, in the one place this module needs it.
enum MailAddressSyntax {
    /// Whether the text is a plain `local@domain` address.
    static func isPlain(_ text: String) -> Bool { MailAddress.isValid(text) }
}

/// The signature every message ends with: that it is automatic and not an official document, as the office's
/// conventions require. It names no program: a department reads "hệ thống nhắc việc", never a tool or a command.
enum MailFooter {
    /// The signature separator (`-- `, RFC 3676) and the sentence, without a final line break.
    static let text = "-- \nĐây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức."
}

/// A delivery status notification (RFC 3464, inside RFC 6522's `multipart/report`): which recipients a
/// message did not reach, and why.
public struct DeliveryReport: Sendable, Equatable {
    /// One recipient's part of the report.
    public struct Recipient: Sendable, Equatable {
        /// The address the MTA tried (`Final-Recipient`), lower case.
        public let address: String
        /// `failed` or `delayed`; reports of `delivered`, `relayed` and `expanded` are not kept.
        public let action: String
        /// The enhanced status code (RFC 3463), e.g. `5.1.1`; derived from the action when absent.
        public let status: String
        /// The remote server's words (`Diagnostic-Code`), at most 300 characters.
        public let diagnostic: String?

        /// Whether mail to the address failed for good (rather than being delayed).
        public var isPermanent: Bool { action == "failed" }
    }

    /// The recipients that failed or were delayed.
    public let recipients: [Recipient]
    /// The `Message-ID` of the message the report is about, from its returned header, when included.
    public let originalMessageID: String?

    /// The report in a message, or nil when the message is not a delivery report.
    public static func read(_ message: InboundMessage) -> DeliveryReport? {
        let parts = message.parts()
        guard let status = parts.first(where: { ["message/delivery-status", "message/global-delivery-status"].contains($0.mediaType) })
        else { return nil }
        let originalID = parts.lazy.compactMap { part -> String? in
            switch part.mediaType {
            case "message/rfc822": return (try? part.message())?.messageID
            case "text/rfc822-headers": return (try? InboundMessage(bytes: part.decodedBody()))?.messageID
            default: return nil
            }
        }.first
        return DeliveryReport(recipients: recipients(in: status.decodedBody()), originalMessageID: originalID)
    }

    /// The per-recipient blocks of a `message/delivery-status` body; the first block, about the message, names no recipient.
    private static func recipients(in body: [UInt8]) -> [Recipient] {
        var blocks: [[UInt8]] = []
        var current: [UInt8] = []
        var previousWasBreak = true
        for byte in body where byte != 13 {
            if byte == 10 && previousWasBreak {
                if !current.isEmpty { blocks.append(current) }
                current = []
                continue
            }
            previousWasBreak = byte == 10
            current.append(byte)
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks.compactMap { recipient(MIMEEntity.parse(($0 + [10, 10])[...])) }
    }

    private static func recipient(_ block: MIMEEntity) -> Recipient? {
        guard let final = block.field("Final-Recipient") ?? block.field("Original-Recipient"),
              let address = typedAddress(final) else { return nil }
        let action = (block.field("Action") ?? "").trimmingWhitespace().lowercased()
        let statusText = (block.field("Status") ?? "").trimmingWhitespace().prefix { !$0.isWhitespace && $0 != "(" }
        let status = String(statusText)
        let isFailure = action == "failed" || (action.isEmpty && status.hasPrefix("5."))
        let isDelay = action == "delayed" || (action.isEmpty && status.hasPrefix("4."))
        guard isFailure || isDelay else { return nil }
        let code = status.isEmpty ? (isFailure ? "5.0.0" : "4.0.0") : status
        let diagnostic = block.field("Diagnostic-Code").map { String(typedValue($0).prefix(300)) }
        return Recipient(address: address, action: isFailure ? "failed" : "delayed", status: code, diagnostic: diagnostic)
    }

    /// `rfc822; user@example.vn` → `user@example.vn`; other address types are not mail addresses.
    private static func typedAddress(_ value: String) -> String? {
        let parts = value.split(separator: ";", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingWhitespace().lowercased() == "rfc822" else { return nil }
        var address = parts[1].trimmingWhitespace()
        if address.hasPrefix("<"), address.hasSuffix(">") { address = String(address.dropFirst().dropLast()) }
        guard address.contains("@"), !address.contains(where: \.isWhitespace) else { return nil }
        return address.lowercased()
    }

    /// `smtp; 550 5.1.1 …` → `550 5.1.1 …`.
    private static func typedValue(_ value: String) -> String {
        let parts = value.split(separator: ";", maxSplits: 1)
        return parts.count == 2 ? parts[1].trimmingWhitespace() : value.trimmingWhitespace()
    }
}

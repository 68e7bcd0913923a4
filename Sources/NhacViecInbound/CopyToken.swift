import Crypto

/// The part of an address that names one copy of a sent message (one mail to one department): `b.ID.MAC` in its
/// envelope sender, where delivery reports come back (VERP), and `c.ID.MAC` in the `Reply-To` of a grouped mail,
/// where the department answers. MAC is an HMAC-SHA256 of the purpose and the copy's ledger id under the office's
/// reply key, truncated to 64 bits, in base32.
///
/// The address names the copy without trusting anything inside the message; the MAC keeps a stranger from marking an
/// office's addresses undeliverable with forged reports, or its tasks done with forged replies.
public struct CopyToken: Hashable, Sendable, CustomStringConvertible {
    /// What the address is for: delivery reports, or a department's reply to a grouped mail.
    public enum Purpose: String, Sendable, CaseIterable {
        /// The envelope sender: delivery reports.
        case bounce = "b"
        /// The `Reply-To` of a grouped mail: the department's answer.
        case reply = "c"
    }

    /// The MAC's length in bytes: a forgery needs a guess in 2^64.
    static let macByteCount = 8

    /// What the address is for.
    public let purpose: Purpose
    /// The copy's id in the ledger.
    public let copy: Int64
    private let mac: [UInt8]

    /// The token of a copy for a purpose under a key.
    public init(_ purpose: Purpose, copy: Int64, key: ReplyKey) {
        self.purpose = purpose
        self.copy = copy
        self.mac = Self.mac(purpose, copy, key: key)
    }

    /// A token read from text (`b.42.abcdefghijklm`, any case); nil when it is not one. A reply token (16 base32
    /// characters) never contains a dot, so the two cannot be confused.
    public init?(text: String) {
        let parts = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let purpose = Purpose(rawValue: String(parts[0])), parts[1].allSatisfy(\.isASCII),
              let copy = Int64(parts[1]), copy > 0,
              let mac = Base32.decode(String(parts[2])), mac.count == Self.macByteCount else { return nil }
        self.purpose = purpose
        self.copy = copy
        self.mac = mac
    }

    /// The token as it stands in the address.
    public var text: String { "\(purpose.rawValue).\(copy).\(Base32.encode(mac))" }

    /// The token's text.
    public var description: String { text }

    /// Whether the key signed this token, compared in constant time.
    public func verifies(key: ReplyKey) -> Bool {
        ConstantTime.equal(mac, Self.mac(purpose, copy, key: key))
    }

    private static func mac(_ purpose: Purpose, _ copy: Int64, key: ReplyKey) -> [UInt8] {
        // The bounce MAC's input is the one addresses already handed out carry ("nhacviec-bounce-v1").
        var input = Array((purpose == .bounce ? "nhacviec-bounce-v1" : "nhacviec-copy-reply-v1").utf8)
        for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: UInt64(copy) >> UInt64(shift))) }
        return Array(Array(HMAC<SHA256>.authenticationCode(for: input, using: key.symmetricKey)).prefix(macByteCount))
    }
}

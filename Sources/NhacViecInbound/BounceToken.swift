import Crypto

/// The part of a bounce address (VERP) that names one copy of a sent message: `b.ID.MAC`, where MAC is an
/// HMAC-SHA256 of the copy's ledger id under the office's reply key, truncated to 64 bits, in base32.
///
/// A delivery report comes back to this address, so it names the copy without trusting anything inside the
/// report; the MAC keeps a stranger from marking an office's addresses undeliverable with forged reports.
public struct BounceToken: Hashable, Sendable, CustomStringConvertible {
    /// What starts every bounce token; a reply token (16 base32 characters) never contains a dot.
    public static let prefix = "b."
    /// The MAC's length in bytes: a forged report needs a guess in 2^64.
    static let macByteCount = 8

    /// The copy's id in the ledger.
    public let copy: Int64
    private let mac: [UInt8]

    /// The token of a copy under a key.
    public init(copy: Int64, key: ReplyKey) {
        self.copy = copy
        self.mac = Self.mac(copy, key: key)
    }

    /// A token read from text (`b.42.abcdefghijklm`, any case); nil when it is not one.
    public init?(text: String) {
        let lowered = text.lowercased()
        guard lowered.hasPrefix(Self.prefix) else { return nil }
        let parts = lowered.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let copy = Int64(parts[0]), copy > 0, parts[0].allSatisfy(\.isASCII),
              let mac = Base32.decode(String(parts[1])), mac.count == Self.macByteCount else { return nil }
        self.copy = copy
        self.mac = mac
    }

    /// The token as it stands in the address.
    public var text: String { "\(Self.prefix)\(copy).\(Base32.encode(mac))" }

    /// The token's text.
    public var description: String { text }

    /// Whether the key signed this token, compared in constant time.
    public func verifies(key: ReplyKey) -> Bool {
        ConstantTime.equal(mac, Self.mac(copy, key: key))
    }

    private static func mac(_ copy: Int64, key: ReplyKey) -> [UInt8] {
        var input = Array("nhacviec-bounce-v1".utf8)
        for shift in stride(from: 56, through: 0, by: -8) { input.append(UInt8(truncatingIfNeeded: UInt64(copy) >> UInt64(shift))) }
        return Array(Array(HMAC<SHA256>.authenticationCode(for: input, using: key.symmetricKey)).prefix(macByteCount))
    }
}

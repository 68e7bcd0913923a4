import Crypto

/// The part of a reply address that names a target: an HMAC-SHA256 of plan, task and department under
/// the office's secret key, truncated to 80 bits and written in lowercase base32 (16 characters).
public struct ReplyToken: Hashable, Sendable, CustomStringConvertible {
    /// The MAC's length in bytes: 80 bits, beyond guessing by mail; more would only lengthen the address.
    public static let byteCount = 10
    /// The token's length in characters.
    public static let length = 16

    /// The truncated MAC.
    let bytes: [UInt8]

    /// The token for a target under a key.
    public init(for target: ReplyTarget, key: ReplyKey) {
        let mac = HMAC<SHA256>.authenticationCode(for: target.macInput, using: key.symmetricKey)
        bytes = Array(Array(mac).prefix(Self.byteCount))
    }

    /// A token read from text, in either case; nil when it is not 16 base32 characters.
    public init?(text: String) {
        guard text.utf8.count == Self.length, let bytes = Base32.decode(text), bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// The lowercase base32 text, as it stands in the address.
    public var text: String { Base32.encode(bytes) }

    /// The token's text.
    public var description: String { text }

    /// Equality in constant time too, so that comparing a received token with `==` leaks nothing either.
    public static func == (left: ReplyToken, right: ReplyToken) -> Bool {
        ConstantTime.equal(left.bytes, right.bytes)
    }

    /// Whether this token is the one the key gives the target, compared in constant time.
    public func verifies(_ target: ReplyTarget, key: ReplyKey) -> Bool {
        ConstantTime.equal(bytes, ReplyToken(for: target, key: key).bytes)
    }
}

import Crypto
import Foundation

/// The secret key behind reply tokens: 32 random bytes, kept in a file only the service user can read.
///
/// The file holds the key as 64 hexadecimal digits and a newline, so that an admin can see it is intact
/// and back it up as text. Replacing it invalidates every reply address already sent.
public struct ReplyKey: Sendable {
    /// The key's length in bytes: SHA-256's block-size-independent recommendation for HMAC keys.
    public static let byteCount = 32

    // Kept as bytes because SymmetricKey is not Sendable; the daemon may hand the key between queues.
    private let bytes: [UInt8]

    /// The key as swift-crypto wants it.
    var symmetricKey: SymmetricKey { SymmetricKey(data: bytes) }

    /// A key from its bytes; throws when there are fewer than 32.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= Self.byteCount else {
            throw InboundError(code: .invalidKey, message: "a reply key needs \(Self.byteCount) bytes, not \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Reads the key file.
    public static func load(from path: String) throws -> ReplyKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InboundError(code: .keyFile, message: "cannot read the reply key file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        guard let bytes = hexBytes(text) else {
            throw InboundError(code: .invalidKey, message: "\(path) does not hold a reply key (64 hexadecimal digits)")
        }
        return try ReplyKey(bytes: bytes)
    }

    /// Reads the key file, creating it with a new random key (mode 0600) when it does not exist.
    ///
    /// An existing file is never overwritten: the new key is written to a temporary file and linked into
    /// place, which fails if the name exists; two processes starting at once then both use the winner's key.
    public static func loadOrCreate(at path: String) throws -> ReplyKey {
        if FileManager.default.fileExists(atPath: path) { return try load(from: path) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try KeyFileWriter.createExclusively(at: path, contents: Array((hex(bytes) + "\n").utf8))
        return try load(from: path)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = TransferDecoding.hexValue(digits[index]),
                  let low = TransferDecoding.hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

import Foundation
import NhacViecInbound
import Testing

/// The recorded messages under Fixtures, shaped the way common mail clients write replies.
enum Fixture {
    /// The raw bytes of a fixture file.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "missing fixture \(name)")
        return [UInt8](try Data(contentsOf: url))
    }

    /// A fixture parsed as a message.
    static func message(_ name: String) throws -> InboundMessage {
        try InboundMessage(bytes: bytes(name))
    }
}

import Foundation
import Testing
@testable import NhacViecInbound

/// The key file: created once with mode 0600, then reused, never overwritten.
struct ReplyKeyTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a missing key file is created with mode 0600 and 32 random bytes, and reused afterwards")
    func createThenReuse() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("reply.key").path
        let target = ReplyTarget(plan: "p", task: "t", department: "d")
        let first = try ReplyKey.loadOrCreate(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.count == 65 && text.hasSuffix("\n"))
        let second = try ReplyKey.loadOrCreate(at: path)
        #expect(ReplyToken(for: target, key: first) == ReplyToken(for: target, key: second))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        // No temporary file is left beside the key.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["reply.key"])
    }

    @Test("two new key files differ, since each is random")
    func random() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReplyKey.loadOrCreate(at: directory.appendingPathComponent("a").path)
        _ = try ReplyKey.loadOrCreate(at: directory.appendingPathComponent("b").path)
        let a = try String(contentsOfFile: directory.appendingPathComponent("a").path, encoding: .utf8)
        let b = try String(contentsOfFile: directory.appendingPathComponent("b").path, encoding: .utf8)
        #expect(a != b)
    }

    @Test("an existing file that is not a key is refused and left untouched")
    func invalidExisting() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("reply.key").path
        try "not a key\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: InboundError.self) { try ReplyKey.loadOrCreate(at: path) }
        #expect(error.code == .invalidKey)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a key\n")
    }

    @Test("a key file in a directory that does not exist is a key-file error")
    func unwritable() {
        let path = "/nonexistent-\(UUID().uuidString)/reply.key"
        #expect(throws: InboundError.self) { try ReplyKey.loadOrCreate(at: path) }
    }

    @Test("a key shorter than 32 bytes is refused")
    func shortKey() {
        #expect(throws: InboundError.self) { try ReplyKey(bytes: Array(repeating: 1, count: 31)) }
    }
}

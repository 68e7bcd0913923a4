import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The journal's message ids live in one place in the code and are explained in `systemd/nhacviec.catalog`;
/// an id that is in one and not the other would leave an admin's `journalctl -x` without its explanation.
struct JournalCatalogTests {
    static let root = Fixtures.repositoryRoot()

    /// `-- ID` and `-- ID vi` headers of the catalog: each id with the languages it has.
    static func catalogEntries() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("systemd/nhacviec.catalog"), encoding: .utf8)
        var entries: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("-- ") {
            let words = line.split(separator: " ")
            entries[String(words[1]), default: []].insert(words.count > 2 ? String(words[2]) : "en")
        }
        return entries
    }

    /// `public static let NAME = "ID"` in the source: every id the code can log, including one missing from `all`.
    static func sourceIDs() throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("Sources/NhacViecCore/Journal/JournalMessageID.swift"),
                              encoding: .utf8)
        var ids: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count == 6, words[0] == "public", words[2] == "let", words[4] == "=" else { continue }
            ids[String(words[3])] = words[5].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return ids
    }

    @Test("every message id in the code has a Vietnamese and an English catalog entry, and the catalog has no other ids")
    func codeAndCatalogAgree() throws {
        let catalog = try Self.catalogEntries()
        let source = try Self.sourceIDs()
        #expect(source.count >= 26, "the source was not parsed")
        #expect(JournalMessageID.all == source)
        #expect(Set(source.values) == Set(catalog.keys))
        for (name, id) in source {
            #expect(catalog[id] == ["vi", "en"], "\(name) (\(id)) needs both a vi and an en entry")
        }
        #expect(Set(source.values).count == source.count, "two names share an id")
    }
}

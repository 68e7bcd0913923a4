import Foundation
import NhacViecCore
import NhacViecStore
import Testing
import TestSupport

/// The `digest` table (migration v4) and its attempt rows.
struct DigestLedgerTests {
    let digest = DigestInstance(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-15"), at: Fixtures.instant("2025-12-15T07:30"))

    @Test("a digest's attempt is open until its outcome is recorded; the recorded key is handled for good")
    func attemptThenRecord() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.beginDigest(digest, mailID: "<digest.2025-W51.vp@example.gov.vn>", at: digest.at)
        #expect(try ledger.digestKeys().isEmpty)
        try ledger.recordDigest(DigestEntry(instance: digest, outcome: .sent, mailID: "<digest.2025-W51.vp@example.gov.vn>",
                                            recordedAt: digest.at, attempts: 1, tasks: 8, detail: nil))
        #expect(try ledger.digestKeys() == ["digest/vp@example.gov.vn/2025-W51"])
        #expect(try ledger.digestOutcomes() == ["digest/vp@example.gov.vn/2025-W51": .sent])
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
        #expect(try ledger.records().isEmpty, "digests are not task records")
    }

    @Test("an attempt a crash left open is handed back once, by its digest key")
    func interruptedAttempt() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.beginDigest(digest, mailID: nil, at: digest.at)
        #expect(try ledger.takeInterruptedAttempts() == ["digest/vp@example.gov.vn/2025-W51"])
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
    }
}

import Foundation
import GRDB
import NhacViecCore
@testable import NhacViecStore
import Testing
import TestSupport

/// Digests in the one outcome table (`delivery`, kind `digest`, filed under an empty plan and their address), with
/// attempt rows like every send.
struct DigestLedgerTests {
    let digest = DigestInstance(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-15"), at: Fixtures.instant("2025-12-15T07:30"),
                                zone: .vietnam)

    @Test("a digest's attempt is open until its outcome is recorded; the recorded key is handled for good under its address")
    func attemptThenRecord() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.beginDelivery(.digest(digest), department: nil, recipients: [digest.address],
                                 mailID: "<digest.2025-W51.vp@example.gov.vn>", at: digest.at)
        #expect(try ledger.records().isEmpty)
        try ledger.record(LedgerEntry(send: .digest(digest), outcome: .sent, mailID: "<digest.2025-W51.vp@example.gov.vn>",
                                      recordedAt: digest.at, attempts: 1, detail: nil, items: 8))
        #expect(try ledger.records()[TaskKey.digest("vp@example.gov.vn")]?.handledKeys == ["digest/vp@example.gov.vn/2025-W51"])
        #expect(try ledger.outcomes() == ["digest/vp@example.gov.vn/2025-W51": .sent])
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
        #expect(try ledger.lastSent().isEmpty, "a digest is no task's last reminder")
    }

    @Test("an attempt a crash left open is handed back once, by its digest key")
    func interruptedAttempt() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.beginDelivery(.digest(digest), department: nil, recipients: [digest.address], mailID: nil, at: digest.at)
        #expect(try ledger.takeInterruptedAttempts() == ["digest/vp@example.gov.vn/2025-W51"])
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
    }

    @Test("the v7 migration moves the digest table's rows into the one outcome table, with their task counts")
    func digestRowsMigrate() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v6-envelopes-address-failures-forwards")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO digest (key, address, week, day, scheduledAt, outcome, tasks, mailID, recordedAt, attempts, detail)
                VALUES ('digest/vp@example.gov.vn/2025-W51', 'vp@example.gov.vn', '2025-W51', '2025-12-15', '2025-12-15 00:30:00.000',
                        'sent', 8, '<d@x>', '2025-12-15 00:30:01.000', 1, NULL)
                """)
        }
        try AppDatabase.migrator.migrate(queue)
        let row = try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT plan, task, kind, due, items, outcome FROM delivery WHERE key = 'digest/vp@example.gov.vn/2025-W51'")
        }
        #expect(row?["plan"] == "")
        #expect(row?["task"] == "vp@example.gov.vn")
        #expect(row?["kind"] == "digest")
        #expect(row?["due"] == "2025-W51")
        #expect(row?["items"] == 8)
        #expect(row?["outcome"] == "sent")
        #expect(try queue.read { db in try db.tableExists("digest") } == false)
    }
}

import Foundation
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// A digest is a kind of send: every reliability property of reminders holds for it too, by construction.
struct DigestPipelineTests {
    static func plan(zone: String = "Asia/Ho_Chi_Minh") -> String {
        """
        plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn, timezone: \(zone)}
        events: {hop: 2026-03-13}
        departments:
          vp: {name: Văn phòng, email: vp@example.gov.vn, digest: {weekday: monday, at: "07:00", advance: drop}}
        tasks:
          - {id: a, title: Việc A, owner: vp, due: hop, remind: [0d], overdue: {every: 1wd, times: 1}}
        """
    }

    static func driver(zone: String = "Asia/Ho_Chi_Minh", from: String = "2026-03-08T00:00") throws -> DaemonDriver {
        try DaemonDriver(files: [DaemonTests.main: DaemonTests.mainText, "/cfg/plans.d/p.yaml": plan(zone: zone)],
                         mainFile: DaemonTests.main, from: from)
    }

    @Test("a digest whose outcome cannot be written is kept and written once the store works, like a reminder's")
    func unwrittenDigestOutcomeIsKept() throws {
        let driver = try Self.driver()
        driver.start()
        driver.advance(to: "2026-03-09T06:59")
        // The attempt row is written, then the store fills up before the outcome can be.
        driver.ledger.failWritesAfterNextAttempt("disk I/O error: database or disk is full")
        driver.advance(to: "2026-03-09T07:01")
        #expect(driver.transport.messages.map(\.messageID) == ["<digest.2026-W11.vp@example.gov.vn>"])
        #expect(driver.ledger.digests.isEmpty)
        driver.ledger.failWrites(nil)
        driver.runtime.advance(by: 30)  // the store probe
        #expect(driver.ledger.digests["digest/vp@example.gov.vn/2026-W11"]?.outcome == .sent)
        #expect(driver.transport.messages.count == 2, "the digest once, then the notice that the store works again")
    }

    @Test("a digest's retry is logged in its plan's zone")
    func retryLoggedInThePlansZone() throws {
        let driver = try Self.driver(zone: "Asia/Tokyo", from: "2026-03-08T00:00")
        driver.transport.script([.temporaryFailure("EX_TEMPFAIL")])
        driver.start()
        driver.runtime.advance(to: Fixtures.instant("2026-03-09T07:01", zone: "Asia/Tokyo"))
        let line = try #require(driver.logged("weekly digest delivery deferred").first)
        #expect("\(line.message)".contains("+09:00"), "\(line.message)")
        #expect(line.metadata["message_id"] == .string(JournalMessageID.digestDeferred))
    }

    @Test("a digest has journal entries of its own, which never name a task")
    func digestJournalEntries() throws {
        let driver = try Self.driver()
        driver.start()
        driver.advance(to: "2026-03-09T08:00")
        let sent = try #require(driver.logged("weekly digest of 2026-W11 sent").first)
        #expect(sent.metadata["message_id"] == .string(JournalMessageID.digestSent))
        #expect(sent.metadata["task"] == nil)
    }

    @Test("after downtime only the latest missed digest goes out, marked late; the week before it is superseded")
    func catchUpLimit() throws {
        let driver = try Self.driver(from: "2026-03-17T09:00")
        let week10 = DigestInstance(address: "vp@example.gov.vn", day: Fixtures.date("2026-03-02"),
                                    at: Fixtures.instant("2026-03-02T07:00"), zone: .vietnam)
        try driver.ledger.record(LedgerEntry(send: .digest(week10), outcome: .sent, mailID: nil, recordedAt: week10.at, attempts: 1,
                                             detail: nil))
        driver.start()
        #expect(driver.transport.messages.filter { $0.messageID.hasPrefix("<digest.") }.map(\.messageID) == ["<digest.2026-W12.vp@example.gov.vn>"])
        #expect(driver.ledger.digests["digest/vp@example.gov.vn/2026-W12"]?.detail == "late")
    }
}

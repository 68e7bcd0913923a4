import Foundation
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// The real daemon delivering weekly digests with its one timer, on a fast virtual clock.
@Suite(.serialized)
struct DigestDaemonTests {
    static let planText = """
        plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn}
        events: {hop: 2026-03-13}
        departments:
          vp: {name: Văn phòng, email: vp@example.gov.vn, digest: {weekday: monday, at: "07:00", advance: drop}}
        tasks:
          - {id: a, title: Việc A, owner: vp, due: hop, remind: [2wd, 0d], overdue: none}
        """

    @Test("the digest goes out on Monday at its time, through the ledger with an attempt first; advance reminders are dropped")
    func deliversDigest() throws {
        let harness = try DaemonHarness(files: [DaemonTests.main: DaemonTests.mainText, "/cfg/plans.d/p.yaml": Self.planText],
                                        mainFile: DaemonTests.main, from: "2026-03-08T00:00")
        harness.daemon.start()
        let messages = harness.waitForMessages(2)
        #expect(messages.map(\.messageID) == ["<digest.2026-W11.vp@example.gov.vn>", "<due.20260313.a.p@example.gov.vn>"])
        #expect(messages.first?.recipients == ["vp@example.gov.vn"])
        let entry = try #require(harness.ledger.digests["digest/vp@example.gov.vn/2026-W11"])
        #expect(entry.outcome == .sent && entry.items == 1 && entry.mailID == messages.first?.messageID)
        #expect(harness.stop() == 0)
        // After the stop, which waits for the send in flight to be recorded: every attempt is closed.
        #expect(harness.ledger.openAttempts.isEmpty)
    }
}

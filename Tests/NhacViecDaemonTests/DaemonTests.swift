import Foundation
import Logging
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// The real daemon (queue, Dispatch timer, delivery queue) on a fast virtual clock, with a
/// recording transport and an in-memory ledger.
@Suite(.serialized)
struct DaemonTests {
    static let main = "/cfg/nhacviec.yaml"
    static let mainText = "mail:\n  from: \"Nhắc việc <nv@example.gov.vn>\"\nplans: plans.d\n"

    static func planText(tasks: String) -> String {
        """
        plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn}
        events: {hop: 2026-03-13}
        departments:
          vp: {name: Văn phòng, email: vp@example.gov.vn}
        tasks:
        \(tasks)
        """
    }

    static let twoTasks = """
          - {id: a, title: Việc A, owner: vp, due: hop, remind: [2wd, 0d], overdue: {every: 1wd, times: 1}}
          - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}
        """

    static func harness(tasks: String, from: String) throws -> DaemonHarness {
        try DaemonHarness(files: [main: mainText, "/cfg/plans.d/p.yaml": planText(tasks: tasks)], mainFile: main, from: from)
    }

    @Test("every reminder is delivered once, in order, and recorded in the ledger")
    func deliversInOrder() throws {
        let harness = try Self.harness(tasks: Self.twoTasks, from: "2026-03-10T00:00")
        harness.daemon.start()
        let messages = harness.waitForMessages(4)
        #expect(messages.map(\.messageID) == [
            "<advance.20260311.a.p@example.gov.vn>", "<due.20260311.b.p@example.gov.vn>",
            "<due.20260313.a.p@example.gov.vn>", "<overdue.20260316.a.p@example.gov.vn>",
        ])
        #expect(harness.ledger.all.values.allSatisfy { $0.outcome == .sent })
        #expect(harness.stop() == 0)
    }

    @Test("a task marked done in the ledger while the daemon runs gets nothing more")
    func doneIsSeenWithoutReload() throws {
        let harness = try Self.harness(tasks: Self.twoTasks, from: "2026-03-10T00:00")
        harness.ledger.setDone(TaskKey(planID: "p", taskID: "a"), true)
        harness.daemon.start()
        _ = harness.waitForMessages(1)
        usleep(6_000_000)  // a week of plan time: a's reminders on 11/3, 13/3 and 16/3 would have gone out
        #expect(harness.transport.messages.map(\.messageID) == ["<due.20260311.b.p@example.gov.vn>"])
        #expect(harness.stop() == 0)
    }

    @Test("a reload adds new tasks; a broken reload keeps the old plan running")
    func reloadAddsAndSurvivesBrokenFiles() throws {
        let harness = try Self.harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                  from: "2026-03-09T00:00")
        harness.daemon.start()
        harness.files["/cfg/plans.d/p.yaml"] = "plan: [broken"
        harness.daemon.reload()
        harness.files["/cfg/plans.d/p.yaml"] = Self.planText(tasks: Self.twoTasks)
        usleep(100_000)
        harness.daemon.reload()
        let messages = harness.waitForMessages(2)
        #expect(messages.map(\.messageID).prefix(2) == ["<advance.20260311.a.p@example.gov.vn>", "<due.20260311.b.p@example.gov.vn>"])
        #expect(harness.stop() == 0)
    }

    @Test("the configuration is handed on (for the calendar files) after the start and after each accepted reload only")
    func configurationLoadedHook() throws {
        let harness = try Self.harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                       from: "2026-03-09T00:00")
        harness.daemon.start()
        func wait(for count: Int) -> [Int] {
            let deadline = Date().addingTimeInterval(10)
            while harness.configurationsLoaded.all.count < count && Date() < deadline { usleep(10_000) }
            return harness.configurationsLoaded.all
        }
        #expect(wait(for: 1) == [1])
        harness.files["/cfg/plans.d/p.yaml"] = "plan: [broken"
        harness.daemon.reload()
        usleep(300_000)
        #expect(harness.configurationsLoaded.all == [1])
        harness.files["/cfg/plans.d/p.yaml"] = Self.planText(tasks: Self.twoTasks)
        harness.daemon.reload()
        #expect(wait(for: 2) == [1, 2])
        #expect(harness.stop() == 0)
    }

    @Test("a temporary failure is retried and never recorded as sent until it is")
    func temporaryFailureIsRetried() throws {
        let harness = try Self.harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                  from: "2026-03-11T07:00")
        harness.transport.script([.temporaryFailure("EX_TEMPFAIL"), .temporaryFailure("EX_TEMPFAIL")])
        harness.daemon.start()
        let messages = harness.waitForMessages(1)
        #expect(messages.count == 1)
        let entry = try #require(harness.ledger.all["p/b/due/2026-03-11"])
        #expect(entry.outcome == .sent && entry.attempts == 3)
        #expect(harness.stop() == 0)
    }

    @Test("READY comes with a STATUS line that counts overdue tasks by the same definition as status")
    func statusLineCountsOverdueTasks() throws {
        let harness = try Self.harness(tasks: Self.twoTasks, from: "2026-03-12T12:00")
        harness.daemon.start()
        let deadline = Date().addingTimeInterval(10)
        while harness.notifier.values(of: "READY").isEmpty && Date() < deadline { usleep(10_000) }
        // b was due on 11/3 and is not done; a is due on 13/3.
        let status = try #require(harness.notifier.values(of: "STATUS").first)
        #expect(status.hasSuffix("1 overdue"), "\(status)")
        #expect(harness.stop() == 0)
    }

    @Test("while the ledger cannot be written nothing is sent and STATUS says so; once it can, the reminder goes out once")
    func unwritableLedgerPausesSending() throws {
        let harness = try Self.harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                       from: "2026-03-11T07:00")
        harness.ledger.failWrites("disk I/O error: database or disk is full")
        harness.daemon.start()
        let deadline = Date().addingTimeInterval(10)
        while !harness.notifier.values(of: "STATUS").contains(where: { $0.hasPrefix("STATE STORE NOT WRITABLE") }) && Date() < deadline {
            usleep(10_000)
        }
        #expect(harness.transport.messages.isEmpty)
        #expect(harness.ledger.all.isEmpty)
        harness.ledger.failWrites(nil)
        let messages = harness.waitForMessages(2)
        // The reminder, then the notice to the admins that the store works again.
        #expect(messages.map(\.messageID).first == "<due.20260311.b.p@example.gov.vn>")
        #expect(messages.contains { $0.messageID.hasPrefix("<store-recovered.") && $0.recipients == ["admin@example.gov.vn"] })
        #expect(messages.filter { $0.messageID == "<due.20260311.b.p@example.gov.vn>" }.count == 1)
        #expect(harness.ledger.all["p/b/due/2026-03-11"]?.outcome == .sent)
        #expect(harness.ledger.openAttempts.isEmpty)
        #expect(harness.stop() == 0)
    }
}

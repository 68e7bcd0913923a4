import Foundation
import Logging
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// The real daemon on the manual runtime: the test moves the clock, and every timer, send and reload happens in
/// that step, without threads or sleeps.
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
    static let oneTask = "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}"

    static func driver(tasks: String, from: String) throws -> DaemonDriver {
        try DaemonDriver(files: [main: mainText, "/cfg/plans.d/p.yaml": planText(tasks: tasks)], mainFile: main, from: from)
    }

    @Test("every reminder is delivered once, in order, at its time, and recorded in the ledger; two due the same minute go in one mail")
    func deliversInOrder() throws {
        let driver = try Self.driver(tasks: Self.twoTasks, from: "2026-03-10T00:00")
        driver.start()
        driver.advance(to: "2026-03-20T00:00")
        // 11/3: a's advance reminder and b's due-day one, both for vp at 07:30: one mail listing both.
        #expect(driver.transport.messages.map(\.messageID) == [
            "<group.202603110730.vp.p@example.gov.vn>", "<due.20260313.a.p@example.gov.vn>", "<overdue.20260316.a.p@example.gov.vn>",
        ])
        #expect(driver.ledger.all.values.allSatisfy { $0.outcome == .sent })
        #expect(driver.ledger.all.count == 4)
        #expect(driver.logged("reminder sent").count == 4)
    }

    @Test("a task marked done in the ledger while the daemon runs gets nothing more")
    func doneIsSeenWithoutReload() throws {
        let driver = try Self.driver(tasks: Self.twoTasks, from: "2026-03-10T00:00")
        driver.ledger.setDone(TaskKey(planID: "p", taskID: "a"), true)
        driver.start()
        driver.advance(to: "2026-03-17T00:00")  // a's reminders on 11/3, 13/3 and 16/3 would have gone out
        #expect(driver.transport.messages.map(\.messageID) == ["<due.20260311.b.p@example.gov.vn>"])
        #expect(driver.ledger.all["p/a/due/2026-03-13"]?.detail == "task-done")
    }

    @Test("a reload adds new tasks; a broken reload keeps the old plan running")
    func reloadAddsAndSurvivesBrokenFiles() throws {
        let driver = try Self.driver(tasks: Self.oneTask, from: "2026-03-09T00:00")
        driver.start()
        driver.files["/cfg/plans.d/p.yaml"] = "plan: [broken"
        driver.runtime.send(SIGHUP)
        #expect(driver.logged("configuration rejected").count == 1)
        #expect(driver.phase == .running)
        driver.files["/cfg/plans.d/p.yaml"] = Self.planText(tasks: Self.twoTasks)
        driver.runtime.send(SIGHUP)
        #expect(driver.logged("configuration reloaded: 1 plans, 2 tasks").count == 1)
        driver.advance(to: "2026-03-12T00:00")
        #expect(driver.transport.messages.map(\.messageID) == ["<group.202603110730.vp.p@example.gov.vn>"])
        #expect(driver.ledger.all.keys.sorted() == ["p/a/advance/2026-03-11", "p/b/due/2026-03-11"])
    }

    @Test("the configuration is handed on (for the calendar files) after the start and after each accepted reload only")
    func configurationLoadedHook() throws {
        let counts = TaskCounts()
        let driver = try DaemonDriver(files: [Self.main: Self.mainText, "/cfg/plans.d/p.yaml": Self.planText(tasks: Self.oneTask)],
                                      mainFile: Self.main, from: "2026-03-09T00:00",
                                      onConfigurationLoaded: { counts.append($0.plans.reduce(0) { $0 + $1.plan.tasks.count }) })
        driver.start()
        #expect(counts.all == [1])
        driver.files["/cfg/plans.d/p.yaml"] = "plan: [broken"
        driver.runtime.send(SIGHUP)
        #expect(counts.all == [1])
        driver.files["/cfg/plans.d/p.yaml"] = Self.planText(tasks: Self.twoTasks)
        driver.runtime.send(SIGHUP)
        #expect(counts.all == [1, 2])
    }

    @Test("a temporary failure is retried and never recorded as sent until it is")
    func temporaryFailureIsRetried() throws {
        let driver = try Self.driver(tasks: Self.oneTask, from: "2026-03-11T07:00")
        driver.transport.script([.temporaryFailure("EX_TEMPFAIL"), .temporaryFailure("EX_TEMPFAIL")])
        driver.start()
        driver.advance(to: "2026-03-11T07:31")
        #expect(driver.transport.messages.isEmpty)
        #expect(driver.ledger.all.isEmpty, "nothing is recorded while it is being retried")
        #expect(driver.logged("delivery deferred").count == 2, "failed at 07:30 and at its retry at 07:31")
        driver.advance(to: "2026-03-11T09:00")
        #expect(driver.transport.messages.count == 1)
        let entry = try #require(driver.ledger.all["p/b/due/2026-03-11"])
        #expect(entry.outcome == .sent && entry.attempts == 3)
    }

    @Test("READY comes with a STATUS line that counts overdue tasks by the same definition as status")
    func statusLineCountsOverdueTasks() throws {
        let driver = try Self.driver(tasks: Self.twoTasks, from: "2026-03-12T12:00")
        driver.start()
        #expect(driver.notifier.values(of: "READY") == ["1"])
        // b was due on 11/3 and is not done; a is due on 13/3.
        let status = try #require(driver.notifier.values(of: "STATUS").first)
        #expect(status.hasSuffix("1 overdue"), "\(status)")
    }

    @Test("while the ledger cannot be written nothing is sent and STATUS says so; once it can, the reminder goes out once")
    func unwritableLedgerPausesSending() throws {
        let driver = try Self.driver(tasks: Self.oneTask, from: "2026-03-11T07:00")
        driver.ledger.failWrites("disk I/O error: database or disk is full")
        driver.start()
        driver.advance(to: "2026-03-11T07:45")
        #expect(driver.notifier.values(of: "STATUS").contains { $0.hasPrefix("STATE FILE NOT WRITABLE") })
        #expect(driver.transport.messages.isEmpty)
        #expect(driver.ledger.all.isEmpty)
        driver.ledger.failWrites(nil)
        driver.advance(to: "2026-03-11T08:00")
        let messages = driver.transport.messages
        // The reminder, then the notice to the admins that the store works again.
        #expect(messages.map(\.messageID).first == "<due.20260311.b.p@example.gov.vn>")
        #expect(messages.contains { $0.messageID.hasPrefix("<store-recovered.") && $0.recipients == ["admin@example.gov.vn"] })
        #expect(messages.filter { $0.messageID == "<due.20260311.b.p@example.gov.vn>" }.count == 1)
        #expect(driver.ledger.all["p/b/due/2026-03-11"]?.outcome == .sent)
        #expect(driver.ledger.openAttempts.isEmpty)
    }
}

import Foundation
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// The daemon's life, one step at a time on the manual runtime: its phases, and what a stop does to the sends
/// in flight (after swift-service-lifecycle's test kit: trigger the shutdown while work is under way, then look).
struct DaemonLifecycleTests {
    static let threeDue = """
          - {id: a, title: Việc A, owner: vp, due: hop - 2d, remind: [0d], overdue: none}
          - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}
          - {id: c, title: Việc C, owner: vp, due: hop - 2d, remind: [0d], overdue: none}
        """

    static func driver(tasks: String = threeDue, from: String = "2026-03-11T08:00", stopGrace: TimeInterval = 30) throws -> DaemonDriver {
        try DaemonDriver(files: [DaemonTests.main: DaemonTests.mainText, "/cfg/plans.d/p.yaml": DaemonTests.planText(tasks: tasks)],
                         mainFile: DaemonTests.main, from: from, stopGrace: stopGrace)
    }

    @Test("the phase goes starting, running, reloading, running, draining, stopped")
    func phases() throws {
        let driver = try Self.driver(tasks: DaemonTests.oneTask, from: "2026-03-09T00:00")
        #expect(driver.phase == .starting)
        driver.start()
        #expect(driver.phase == .running)
        driver.daemon.reload()
        driver.runtime.runSerialWork()
        #expect(driver.phase == .reloading(again: false, handled: []))
        driver.runtime.runUntilIdle()
        #expect(driver.phase == .running)
        driver.daemon.stop()
        driver.runtime.runUntilIdle()
        #expect(driver.phase == .stopped)
        #expect(driver.exit.wait(seconds: 0) == 0)
    }

    @Test("a reload asked for during a reload runs once after it; a stop during a reload drops the reload's result")
    func reloadsDuringReloads() throws {
        let driver = try Self.driver(tasks: DaemonTests.oneTask, from: "2026-03-09T00:00")
        driver.start()
        driver.daemon.reload()
        driver.daemon.reload()
        driver.daemon.reload()
        driver.runtime.runSerialWork()
        #expect(driver.phase == .reloading(again: true, handled: []))
        driver.runtime.runUntilIdle()
        #expect(driver.logged("configuration reloaded").count == 2)
        driver.daemon.reload()
        driver.runtime.runSerialWork()
        driver.daemon.stop()
        driver.runtime.runUntilIdle()
        #expect(driver.phase == .stopped)
        #expect(driver.logged("configuration reloaded").count == 2, "the reload finished after the stop is dropped")
    }

    /// Three plans, each with one reminder due at the same minute: three mails, one job each.
    static func threePlans() throws -> DaemonDriver {
        var files = [DaemonTests.main: DaemonTests.mainText]
        for id in ["p", "q", "r"] {
            files["/cfg/plans.d/\(id).yaml"] = DaemonTests.planText(tasks: DaemonTests.oneTask).replacingOccurrences(of: "{id: p,", with: "{id: \(id),")
        }
        return try DaemonDriver(files: files, mainFile: DaemonTests.main, from: "2026-03-11T08:00")
    }

    @Test("a stop during a burst: the send in flight is recorded, the queued ones are dropped unsent and unrecorded, exit 0")
    func stopDuringBurst() throws {
        let driver = try Self.threePlans()
        driver.runtime.holdCompletions = true
        driver.start()
        #expect(driver.transport.messages.count == 1, "one send at a time")
        #expect(driver.transport.messages.first?.messageID == "<due.20260311.b.p@example.gov.vn>")
        driver.daemon.stop()
        driver.runtime.runSerialWork()
        #expect(driver.phase == .draining)
        #expect(driver.exit.wait(seconds: 0) == nil, "it waits for the send in flight")
        driver.runtime.releaseCompletions()
        #expect(driver.phase == .stopped)
        #expect(driver.exit.wait(seconds: 0) == 0)
        #expect(driver.transport.messages.count == 1)
        #expect(driver.ledger.all.values.map(\.outcome) == [.sent])
        #expect(driver.ledger.openAttempts.isEmpty, "the dropped sends never began")
        #expect(driver.logged("2 queued send(s) dropped unsent").count == 1)
    }

    @Test("a stop with a sendmail that hangs: after the grace it is killed, nothing is recorded as sent, exit 0")
    func stopWithHungSendmail() throws {
        let driver = try Self.driver(tasks: DaemonTests.oneTask)
        driver.runtime.holdCompletions = true
        driver.start()
        driver.daemon.stop()
        driver.runtime.runUntilIdle()
        driver.runtime.advance(by: 29)
        #expect(driver.transport.cancelCount == 0)
        driver.runtime.advance(by: 1)
        #expect(driver.transport.cancelCount == 1)
        #expect(driver.exit.wait(seconds: 0) == nil)
        driver.runtime.advance(by: 5)
        #expect(driver.exit.wait(seconds: 0) == 0)
        #expect(driver.logged("was still running after 30 s and was killed").count == 1)
        driver.runtime.releaseCompletions()  // the killed send's result comes back too late to be recorded
        #expect(driver.ledger.all.isEmpty)
    }

    @Test("nothing is armed while the daemon is idle but the one timer for the next send")
    func idleDaemonHasOneTimer() throws {
        let driver = try Self.driver(tasks: DaemonTests.oneTask, from: "2026-03-09T00:00")
        driver.start()
        driver.runtime.advance(by: 2)  // the status line's one-second timer has gone
        #expect(driver.runtime.armed == [Fixtures.instant("2026-03-11T07:30")])
    }
}

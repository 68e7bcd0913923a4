import Foundation
import Logging
import NhacViecConfig
import NhacViecCore
import NhacViecDaemon
import NhacViecMail
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

    final class Harness: @unchecked Sendable {
        let transport = RecordingTransport()
        let ledger = InMemoryLedger()
        let exit = ExitRecorder()
        let clock: VirtualClock
        let filesBox: FilesBox
        let daemon: Daemon

        init(tasks: String, from: String, speed: Double = 100_000) throws {
            let box = FilesBox([DaemonTests.main: DaemonTests.mainText, "/cfg/plans.d/p.yaml": DaemonTests.planText(tasks: tasks)])
            filesBox = box
            clock = VirtualClock(origin: Fixtures.instant(from), speed: speed, realStart: Date())
            let configuration = try ConfigurationLoader(source: MemoryConfigurationSource(files: box.files)).load(mainFile: DaemonTests.main)
            let environment = DaemonEnvironment(
                loadConfiguration: { try ConfigurationLoader(source: MemoryConfigurationSource(files: box.files)).load(mainFile: DaemonTests.main) },
                ledger: ledger, makeTransport: { [transport] _ in transport },
                makeRenderer: { settings in TestRenderer(mailer: ReminderMailer(from: settings.from, envelopeSender: settings.envelopeSender)) },
                clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), stopGrace: 5)
            let exit = exit
            daemon = Daemon(configuration: configuration, environment: environment, onExit: { exit.record($0) })
        }

        func waitForMessages(_ count: Int, timeout: TimeInterval = 20) -> [OutgoingMail] {
            let deadline = Date().addingTimeInterval(timeout)
            while transport.messages.count < count && Date() < deadline { usleep(10_000) }
            return transport.messages
        }

        func stop() -> Int32? {
            daemon.stop()
            return exit.wait(seconds: 10)
        }
    }

    final class ExitRecorder: @unchecked Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private var code: Int32?
        func record(_ code: Int32) {
            self.code = code
            semaphore.signal()
        }
        func wait(seconds: Double) -> Int32? {
            semaphore.wait(timeout: .now() + seconds) == .success ? code : nil
        }
    }

    final class FilesBox: @unchecked Sendable {
        var files: [String: String]
        init(_ files: [String: String]) { self.files = files }
    }

    struct TestRenderer: MessageRenderer {
        let mailer: ReminderMailer
        func reminder(plan: Plan, instance: ReminderInstance, calendar: WorkingCalendar, now: Date, isLate: Bool) throws -> OutgoingMail {
            try mailer.render(plan: plan, instance: instance, calendar: calendar, now: now, isLate: isLate)
        }
        func failureReport(plan: Plan, instance: ReminderInstance, reason: String, attempts: Int, now: Date) throws -> OutgoingMail? {
            try mailer.renderFailureReport(plan: plan, instance: instance, reason: reason, attempts: attempts, now: now)
        }
    }

    @Test("every reminder is delivered once, in order, and recorded in the ledger")
    func deliversInOrder() throws {
        let harness = try Harness(tasks: Self.twoTasks, from: "2026-03-10T00:00")
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
        let harness = try Harness(tasks: Self.twoTasks, from: "2026-03-10T00:00")
        harness.ledger.setDone(TaskKey(planID: "p", taskID: "a"), true)
        harness.daemon.start()
        _ = harness.waitForMessages(1)
        usleep(6_000_000)  // a week of plan time: a's reminders on 11/3, 13/3 and 16/3 would have gone out
        #expect(harness.transport.messages.map(\.messageID) == ["<due.20260311.b.p@example.gov.vn>"])
        #expect(harness.stop() == 0)
    }

    @Test("a reload adds new tasks; a broken reload keeps the old plan running")
    func reloadAddsAndSurvivesBrokenFiles() throws {
        let harness = try Harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                  from: "2026-03-09T00:00")
        harness.daemon.start()
        harness.filesBox.files["/cfg/plans.d/p.yaml"] = "plan: [broken"
        harness.daemon.reload()
        harness.filesBox.files["/cfg/plans.d/p.yaml"] = Self.planText(tasks: Self.twoTasks)
        usleep(100_000)
        harness.daemon.reload()
        let messages = harness.waitForMessages(2)
        #expect(messages.map(\.messageID).prefix(2) == ["<advance.20260311.a.p@example.gov.vn>", "<due.20260311.b.p@example.gov.vn>"])
        #expect(harness.stop() == 0)
    }

    @Test("a temporary failure is retried and never recorded as sent until it is")
    func temporaryFailureIsRetried() throws {
        let harness = try Harness(tasks: "  - {id: b, title: Việc B, owner: vp, due: hop - 2d, remind: [0d], overdue: none}",
                                  from: "2026-03-11T07:00")
        harness.transport.script([.temporaryFailure("EX_TEMPFAIL"), .temporaryFailure("EX_TEMPFAIL")])
        harness.daemon.start()
        let messages = harness.waitForMessages(1)
        #expect(messages.count == 1)
        let entry = try #require(harness.ledger.all["p/b/due/2026-03-11"])
        #expect(entry.outcome == .sent && entry.attempts == 3)
        #expect(harness.stop() == 0)
    }
}

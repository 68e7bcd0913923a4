import Foundation
import Logging
import NhacViecCore
import NhacViecOffice
import Testing
import TestSupport

/// done, reopen and replies by mail on a task whose state follows the event it produces.
struct ProducedEventUseCaseTests {
    static func office() -> OfficeFixture {
        var task = Fixtures.task("thong-bao", due: .relative(event: "conference", direction: .after, offset: Offset(10, .days)))
        task.produces = "conclusion"
        return OfficeFixture(tasks: [task])
    }

    @Test("done and reopen refuse a task that follows its event, and say to set the event instead")
    func doneAndReopenRefuse() throws {
        let office = Self.office()
        let resolved = try ResolvedTask(TaskKey(planID: "ba-don", taskID: "thong-bao"), in: office.configuration)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let refusal = try #require(throws: OfficeError.self) {
            try MarkDone(configuration: office.configuration, ledger: office.ledger, logger: logger, now: office.now)
                .run(MarkDone.Request(task: resolved, by: "Lan"))
        }
        #expect(refusal.code == .refused)
        #expect(refusal.description.contains("nhacviec event ba-don conclusion YYYY-MM-DD"))
        #expect(throws: OfficeError.self) {
            try Reopen(configuration: office.configuration, ledger: office.ledger, logger: logger, now: office.now).run(resolved)
        }
        #expect(try office.ledger.completions().isEmpty)
    }

    @Test("a reply saying such a task is done goes to the admins, who set the event: nothing is recorded")
    func replyIsForwarded() throws {
        let office = Self.office()
        let to = office.replyAddress(task: "thong-bao")
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to), recipient: to)
        #expect(try office.ledger.completions().isEmpty)
        let forward = try #require(office.transport.messages.first)
        #expect(forward.recipients == ["admin@example.gov.vn"])
        #expect(try ReadBack(forward).text.contains("follows the event 'conclusion'"))
    }
}

import Foundation
import InMemoryLogging
import Logging
import NhacViecCore
import NhacViecOffice
import Testing
import TestSupport

/// `nhacviec done`'s use case on the in-memory ledger: which parts are recorded, the "already done" rule, the
/// refusals, the journal line and the calendar files.
struct MarkDoneTests {
    static let task = PlanTask(id: "tra-loi", title: "Trả lời bằng văn bản", owners: ["vp", "lanh-dao"],
                               due: .absolute(Fixtures.date("2025-12-30")))
    let key = TaskKey(planID: "ba-don", taskID: "tra-loi")
    let logs = InMemoryLogHandler()

    func markDone(_ office: OfficeFixture) -> MarkDone {
        MarkDone(configuration: office.configuration, ledger: office.ledger,
                 logger: Logger(label: "test", factory: { [logs] _ in logs }), now: office.now)
    }

    func request(_ office: OfficeFixture, _ departments: [String] = [], ref: String? = nil,
                 date: String? = nil) throws -> MarkDone.Request {
        MarkDone.Request(task: try ResolvedTask(key, in: office.configuration), departments: departments, by: "Lan",
                         ref: ref, answeredOn: date.map(Fixtures.date))
    }

    @Test("without departments every owner's part is recorded and nobody is left to report")
    func everyOwner() throws {
        let office = OfficeFixture(tasks: [Self.task])
        let outcome = try markDone(office).run(try request(office))
        #expect(outcome.recorded == ["vp", "lanh-dao"])
        #expect(outcome.pending.isEmpty)
        #expect(try office.ledger.doneOwners(key) == DoneOwners(departments: ["vp", "lanh-dao"]))
        #expect(outcome.report == "ba-don/tra-loi: done for vp, lanh-dao — Trả lời bằng văn bản")
    }

    @Test("naming a department records its part only, and the other owners are still to report")
    func namedDepartment() throws {
        let office = OfficeFixture(tasks: [Self.task])
        let outcome = try markDone(office).run(try request(office, ["vp"]))
        #expect(outcome.recorded == ["vp"])
        #expect(outcome.pending == ["lanh-dao"])
        #expect(try office.ledger.doneOwners(key).departments == ["vp"])
        #expect(outcome.report == "ba-don/tra-loi: done for vp; still to report: lanh-dao — Trả lời bằng văn bản")
    }

    @Test("a plain repeat is already done: nothing changes and no journal line is written")
    func repeatIsAlreadyDone() throws {
        let office = OfficeFixture(tasks: [Self.task])
        _ = try markDone(office).run(try request(office, ["vp"]))
        let again = try markDone(office).run(try request(office, ["vp"]))
        #expect(again.changed.isEmpty)
        #expect(again.report == "ba-don/tra-loi: already done")
        #expect(logs.entries.count == 1)
        #expect(try office.ledger.completions()[key]?.count == 1)
    }

    @Test("a --ref after a reply by mail updates that department's completion instead of adding one")
    func refAfterReplyUpdates() throws {
        let office = OfficeFixture(tasks: [Self.task])
        let to = office.replyAddress(task: "tra-loi", department: "vp")
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to), recipient: to)
        let outcome = try markDone(office).run(try request(office, ["vp"], ref: "45/UBND-VP", date: "2025-12-20"))
        #expect(outcome.updated == ["vp"])
        #expect(outcome.recorded.isEmpty)
        #expect(outcome.report == "ba-don/tra-loi: updated for vp; still to report: lanh-dao — Trả lời bằng văn bản")
        let completions = try #require(try office.ledger.completions()[key])
        #expect(completions.count == 1)
        #expect(completions.first?.ref == "45/UBND-VP")
        #expect(completions.first?.answeredOn == Fixtures.date("2025-12-20"))
        #expect(completions.first?.doneBy == "vp@example.gov.vn", "the reply's sender stays the one who reported it")
    }

    @Test("a --date after today is refused and nothing is recorded")
    func dateAfterTodayIsRefused() throws {
        let office = OfficeFixture(tasks: [Self.task])
        let error = try #require(throws: OfficeError.self) {
            try markDone(office).run(try request(office, date: "2025-12-23"))
        }
        #expect(error.code == .invalidRequest)
        #expect(error.description == "--date 2025-12-23 is after today (2025-12-22)")
        #expect(try office.ledger.completions().isEmpty)
        #expect(logs.entries.isEmpty)
    }

    @Test("a department that does not own the task is refused, naming the owners, and nothing is recorded")
    func strangerIsRefused() throws {
        let office = OfficeFixture(tasks: [Self.task])
        let error = try #require(throws: OfficeError.self) {
            try markDone(office).run(try request(office, ["vp", "cong-an"]))
        }
        #expect(error.code == .invalidRequest)
        #expect(error.description == "'cong-an' is not an owner of task 'tra-loi'; owners: vp, lanh-dao")
        #expect(try office.ledger.completions().isEmpty)
    }

    @Test("the journal line carries the done message id, the departments, the document and the answer date")
    func journalLine() throws {
        let office = OfficeFixture(tasks: [Self.task])
        _ = try markDone(office).run(try request(office, ["lanh-dao", "vp"], ref: "12/KT-HT"))
        let entry = try #require(logs.entries.first)
        #expect(entry.level == .notice)
        #expect(entry.message.description == "task marked by Lan: done for lanh-dao, vp: Trả lời bằng văn bản")
        #expect(entry.metadata["message_id"] == .string(JournalMessageID.taskDone))
        #expect(entry.metadata["department"] == .string("lanh-dao vp"))
        #expect(entry.metadata["ref"] == .string("12/KT-HT"))
        #expect(entry.metadata["answered_on"] == .string("2025-12-22"), "no --date: the answer is dated today")
        #expect(entry.metadata["plan"] == .string("ba-don") && entry.metadata["task"] == .string("tra-loi"))
    }

    @Test("with calendar-dir set, the department's calendar shows its part done and the plan's waits for the others")
    func calendarsAreRefreshed() throws {
        let directory = try TemporaryDirectory()
        var office = OfficeFixture(tasks: [Self.task])
        office.configuration.settings.calendarDirectory = directory.path + "/lich"
        let outcome = try markDone(office).run(try request(office, ["vp"]))
        #expect(outcome.calendarWarning == nil)
        #expect(directory.names(in: "lich") == ["ba-don.ics", "ba-don.vp.ics"])
        #expect(directory.read("lich/ba-don.vp.ics")?.contains("X-NHACVIEC-DONE:TRUE") == true)
        #expect(directory.read("lich/ba-don.ics")?.contains("X-NHACVIEC-DONE:TRUE") == false)
    }

    @Test("a calendar directory that cannot be used is a warning, and the completion is recorded all the same")
    func calendarFailureIsAWarning() throws {
        let directory = try TemporaryDirectory()
        var office = OfficeFixture(tasks: [Self.task])
        office.configuration.settings.calendarDirectory = try directory.write("lich", "not a directory")
        let outcome = try markDone(office).run(try request(office, ["vp"]))
        let warning = try #require(outcome.calendarWarning)
        let lich = directory.path + "/lich"
        #expect(warning.hasPrefix("calendar files in \(lich) not refreshed: \(lich) is not a directory"))
        #expect(try office.ledger.doneOwners(key).departments == ["vp"])
    }
}

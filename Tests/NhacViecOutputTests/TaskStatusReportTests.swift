import Foundation
import NhacViecCore
import NhacViecOutput
import Testing
import TestSupport

/// `nhacviec status`'s table and JSON lines, from the core's task statuses.
struct TaskStatusReportTests {
    let key = TaskKey(planID: "p", taskID: "tra-loi")
    let now = Fixtures.instant("2025-12-22T09:00")

    func report(completions: [TaskKey: [Completion]] = [:], failures: [AddressFailure] = []) -> TaskStatusReport {
        let task = PlanTask(id: "tra-loi", title: "Trả lời", owners: ["vp", "lanh-dao"],
                            due: .absolute(Fixtures.date("2025-12-30")), remind: [Offset(0, .days)])
        let plan = Fixtures.plan(tasks: [task, Fixtures.task("ket-luan", due: .relative(event: "conclusion",
                                                                                           direction: .after,
                                                                                           offset: Offset(5, .days)))])
        let statuses = TaskStatus.all(plans: [plan], calendar: WorkingCalendar(official: [Fixtures.official2025]),
                                      records: [:], completions: completions, lastSent: [:], now: now)
        return TaskStatusReport(statuses: statuses, plans: [plan],
                                undeliverable: UndeliverableAddress.list(plans: [plan], failures: failures))
    }

    @Test("the table counts the owners who reported a task not yet done, and shows a task waiting for its event")
    func tableCountsOwners() {
        let done = Completion(task: key, department: "vp", doneAt: now, doneBy: "Lan", note: nil)
        let lines = report(completions: [key: [done]]).table.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("PLAN  TASK      DUE") == true)
        #expect(lines.contains { $0.contains("tra-loi") && $0.contains("pending (1/2 done)") })
        #expect(lines.contains { $0.contains("ket-luan") && $0.contains("(conclusion tbd)") && $0.contains("waiting") })
    }

    @Test("a JSON line gives each owner's state, its completion and the addresses that mail does not reach")
    func jsonOwners() throws {
        let done = Completion(task: key, department: "vp", doneAt: now, doneBy: "Lan", note: "xong", ref: "45/UBND-VP",
                              answeredOn: Fixtures.date("2025-12-20"))
        let failure = AddressFailure(address: "lanh-dao@example.gov.vn", permanent: true, status: "5.1.1", diagnostic: nil,
                                     plan: "p", task: "tra-loi", department: "lanh-dao", copyAt: now, reportedAt: now)
        let line = try #require(report(completions: [key: [done]], failures: [failure]).jsonLines
            .split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let owners = try #require(object["owners"] as? [[String: Any]])
        #expect(owners.map { $0["state"] as? String } == ["done", "pending"])
        #expect(owners[0]["ref"] as? String == "45/UBND-VP" && owners[0]["answered_on"] as? String == "2025-12-20")
        #expect(owners[0]["done_at"] as? String == "2025-12-22T09:00:00+07:00")
        let marks = try #require(owners[1]["undeliverable"] as? [[String: Any]])
        #expect(marks.map { $0["address"] as? String } == ["lanh-dao@example.gov.vn"])
    }

    @Test("below the table: the undeliverable addresses by department, and the forwards held back")
    func summary() {
        let failure = AddressFailure(address: "vp@example.gov.vn", permanent: false, status: "4.4.1", diagnostic: nil,
                                     plan: "p", task: "tra-loi", department: "vp", copyAt: now, reportedAt: now)
        let text = report(failures: [failure]).summary(forwards: ForwardSummary(forwarded: 3, held: 2))
        #expect(text.contains("p     vp (Phòng vp)  vp@example.gov.vn  4.4.1 (delayed)"))
        #expect(text.hasSuffix("in the last 24 hours: 3; held back by the rate limit (10 an hour per address): 2\n"))
    }
}

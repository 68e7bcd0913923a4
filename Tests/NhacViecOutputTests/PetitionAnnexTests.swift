import Foundation
import NhacViecCore
import NhacViecOutput
import Testing
import TestSupport

/// The CSV annex of `nhacviec petitions report`, byte by byte: what LibreOffice and Excel need to open it with its
/// Vietnamese intact, and what an office expects to read in it.
struct PetitionAnnexTests {
    /// Three petitions of a plan whose Conclusion Notice was signed on 26/12/2025, and one waiting for an event.
    static func report() -> PetitionReport {
        let petitions = [
            Petition(number: 1, content: "Sửa đường \"Hùng Vương\", TDP 2\nmặt đường xuống cấp", raisedBy: "Ông An",
                     department: "vp", due: "conclusion + 10wd"),
            Petition(number: 2, content: "Mương thoát nước", raisedBy: "", department: "lanh-dao", due: "2026-01-30"),
            Petition(number: 3, content: "Đèn chiếu sáng", raisedBy: "Bà Bình", department: "vp", due: "hop-lai + 5wd"),
        ]
        var plan = Fixtures.plan(tasks: [])
        plan.departments[0].name = "Văn phòng HĐND và UBND phường"
        plan.events["conclusion"] = PlanEvent(date: Fixtures.date("2025-12-26"), name: "ban hành Thông báo kết luận")
        plan.events["hop-lai"] = PlanEvent(date: nil, name: "họp lại")
        plan.tasks = [
            PlanTask(id: "kn-1", title: "", owners: ["vp"],
                     due: .relative(event: "conclusion", direction: .after, offset: Offset(10, .workingDays))),
            PlanTask(id: "kn-2", title: "", owners: ["lanh-dao"], due: .absolute(Fixtures.date("2026-01-30"))),
            PlanTask(id: "kn-3", title: "", owners: ["vp"],
                     due: .relative(event: "hop-lai", direction: .after, offset: Offset(5, .workingDays))),
        ]
        let key = TaskKey(planID: plan.id, taskID: "kn-1")
        let answer = Completion(task: key, doneAt: Fixtures.instant("2026-01-16T09:00"), doneBy: nil, note: nil,
                                ref: "12/VP", answeredOn: Fixtures.date("2026-01-14"))
        return PetitionReport(plan: plan, petitions: petitions,
                              calendar: WorkingCalendar(official: [Fixtures.official2026]),
                              completions: [key: [answer]], today: Fixtures.date("2026-02-02"))
    }

    @Test("the annex is UTF-8 with a byte-order mark, CRLF line ends and every field quoted")
    func bytes() throws {
        let bytes = Self.report().csv
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(validating: bytes.dropFirst(3), as: UTF8.self))
        let records = text.components(separatedBy: "\r\n")
        #expect(records.count == 5)  // the headings, three petitions, then the empty rest after the last CRLF
        #expect(records.last == "")
        // The only bare LF is the one inside petition 1's content.
        #expect(text.replacingOccurrences(of: "\r\n", with: "").filter { $0 == "\n" }.count == 1)
    }

    @Test("the headings are Vietnamese, departments are named, dates are dd/mm/yyyy and states are in words")
    func content() throws {
        let text = String(decoding: Self.report().csv.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "\"STT\",\"Nội dung kiến nghị\",\"Người kiến nghị\",\"Đơn vị trả lời\",\"Hạn trả lời\","
                + "\"Tình trạng\",\"Văn bản trả lời\",\"Ngày trả lời\",\"Số ngày làm việc quá hạn\"")
        #expect(lines[1] == "\"1\",\"Sửa đường \"\"Hùng Vương\"\", TDP 2\nmặt đường xuống cấp\",\"Ông An\","
                + "\"Văn phòng HĐND và UBND phường\",\"12/01/2026\",\"Đã trả lời quá hạn\",\"12/VP\","
                + "\"14/01/2026\",\"2\"")
        #expect(lines[2] == "\"2\",\"Mương thoát nước\",\"\",\"Phòng lanh-dao\",\"30/01/2026\","
                + "\"Quá hạn, chưa trả lời\",\"\",\"\",\"1\"")
        #expect(lines[3] == "\"3\",\"Đèn chiếu sáng\",\"Bà Bình\",\"Văn phòng HĐND và UBND phường\","
                + "\"Chờ ngày họp lại\",\"Chờ Thông báo kết luận\",\"\",\"\",\"\"")
    }
}

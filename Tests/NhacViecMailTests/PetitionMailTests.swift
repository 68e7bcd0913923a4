import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// A petition's reminder: it cites the Conclusion Notice that assigned it, and shows the petition once, each field
/// under its own label.
struct PetitionMailTests {
    static let petition = Petition(
        number: 2, content: "Mương thoát nước dọc đường Quang Trung thường xuyên bị tắc; đề nghị nạo vét.",
        raisedBy: "Tổ dân phố Phan Chu Trinh", department: "kinh-te", due: "conclusion + 10wd")

    /// The Ba Đồn plan with its Conclusion Notice signed on 26/12/2025 (numbered or not) and petition 2 as a task.
    static func plan(number: String? = "45/TB-UBND", raisedBy: String = petition.raisedBy) -> (Plan, PlanTask) {
        var petition = Self.petition
        petition.raisedBy = raisedBy
        let task = PlanTask(id: petition.taskID, title: petition.title, description: petition.taskDescription,
                            owners: ["kinh-te"],
                            due: .relative(event: "conclusion", direction: .after, offset: Offset(10, .workingDays)),
                            remind: [Offset(5, .workingDays)],
                            escalate: EscalationRule(after: Offset(2, .workingDays), to: [.department("lanh-dao")]),
                            petition: petition)
        var plan = BaDonMail.plan
        plan.events["conclusion"] = PlanEvent(date: Fixtures.date("2025-12-26"), name: "ban hành Thông báo kết luận",
                                              number: number)
        plan.tasks.append(task)
        return (plan, task)
    }

    static func readings(_ plan: Plan, _ task: PlanTask) throws -> [PythonEmailTests.Reading] {
        let instances = ReminderPlanner(calendar: BaDonMail.calendar).instances(of: task, in: plan)
        #expect(Set(instances.map(\.kind)) == [.advance, .escalation])
        return try PythonEmailTests.read(try instances.map { try BaDonMail.render($0, plan: plan) })
    }

    @Test("a petition's reminder and escalation cite 'Thông báo kết luận số …/TB-UBND ngày …', not the plan")
    func citesTheNotice() throws {
        let (plan, task) = Self.plan()
        for reading in try Self.readings(plan, task) {
            #expect(reading.defects.isEmpty)
            #expect(reading.body.contains("\n\nCăn cứ Thông báo kết luận số 45/TB-UBND ngày 26/12/2025;\n\n"))
            #expect(!reading.body.contains("Căn cứ Kế hoạch"))
            #expect(reading.body.contains("chậm nhất ngày 12/01/2026 (trong thời hạn 10 ngày làm việc kể từ ngày "
                                          + "ban hành Thông báo kết luận)"))
        }
        let (unnumbered, same) = Self.plan(number: nil)
        for reading in try Self.readings(unnumbered, same) {
            #expect(reading.body.contains("\n\nCăn cứ Thông báo kết luận ngày 26/12/2025;\n\n"))
        }
    }

    @Test("the petition shows once, 'Nội dung kiến nghị' and 'Người kiến nghị' on lines of their own, no doubled label")
    func noDoubledLabel() throws {
        let (plan, task) = Self.plan()
        let advance = try #require(try Self.readings(plan, task).first)
        #expect(advance.subject == "[Nhắc việc] V/v trả lời kiến nghị số 2 – chậm nhất ngày 12/01/2026")
        #expect(advance.body.contains("\n\n- Nội dung kiến nghị: Mương thoát nước dọc đường Quang Trung thường xuyên "
                                      + "bị tắc; đề nghị nạo vét.\n- Người kiến nghị: Tổ dân phố Phan Chu Trinh\n\n"))
        #expect(!advance.body.contains("Nội dung: Nội dung kiến nghị:"))
        #expect(!advance.body.contains("Nội dung: "))
        #expect(advance.body.components(separatedBy: "Mương thoát nước").count == 2, "the content appears once")
        let (anonymous, same) = Self.plan(raisedBy: "")
        let bare = try #require(try Self.readings(anonymous, same).first)
        #expect(!bare.body.contains("Người kiến nghị"))
        #expect(bare.body.contains("- Nội dung kiến nghị: Mương"))
    }
}

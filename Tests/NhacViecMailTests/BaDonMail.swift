import Foundation
import NhacViecCore
import NhacViecMail
import TestSupport

/// The part of the Ba Đồn plan that the mail tests need, as `config/plans.d/ba-don-2025.yaml` writes it.
enum BaDonMail {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let calendar = WorkingCalendar(official: [Fixtures.official2026])
    static let mailer = MessageComposer(from: "Nhắc việc UBND phường Ba Đồn <nhacviec@badon.example.gov.vn>",
                                       envelopeSender: "nhacviec@badon.example.gov.vn")

    static let invitation = PlanTask(
        id: "giay-moi", title: "Tham mưu Giấy mời Hội nghị đối thoại năm 2025",
        description: "Tham mưu Giấy mời của UBND phường gửi đại biểu tham dự Hội nghị, trước 7 ngày tính đến thời điểm tổ chức hội nghị.",
        owners: ["van-phong"], due: .relative(event: "conference", direction: .before, offset: Offset(7, .days)),
        shift: .earlier, remind: [Offset(5, .workingDays), Offset(2, .workingDays), Offset(1, .workingDays), Offset(0, .days)],
        overdue: OverdueRule(every: Offset(1, .workingDays), times: 2),
        escalate: EscalationRule(after: Offset(1, .workingDays), to: [.department("lanh-dao")]))

    static let answers = PlanTask(
        id: "tham-du-giai-dap", title: "Tham dự và giải đáp ý kiến, kiến nghị của Nhân dân tại Hội nghị",
        owners: ["van-phong", "vhxh", "kinh-te", "mttq"],
        due: .relative(event: "conference", direction: .before, offset: Offset(0, .days)),
        remind: [Offset(2, .workingDays), Offset(0, .days)])

    static let plan = Plan(
        id: "ba-don-2025", title: "Tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025",
        authority: "UBND phường Ba Đồn", number: "123/KH-UBND", issued: Fixtures.date("2025-12-01"),
        signer: "TM. UBND phường, Chủ tịch Nguyễn Văn A", admins: ["vanphong@badon.example.gov.vn"],
        events: ["conference": PlanEvent(date: Fixtures.date("2025-12-19"), time: TimeOfDay(hour: 14, minute: 0),
                                         place: "Hội trường UBND phường Ba Đồn", name: "tổ chức Hội nghị")],
        departments: [
            Department(id: "van-phong", name: "Văn phòng HĐND và UBND phường", emails: ["vanphong@badon.example.gov.vn"]),
            Department(id: "vhxh", name: "Phòng Văn hóa - Xã hội", emails: ["vhxh@badon.example.gov.vn"],
                       cc: ["truongphong.vhxh@badon.example.gov.vn"]),
            Department(id: "kinh-te", name: "Phòng Kinh tế, Hạ tầng và Đô thị", emails: ["kinhte@badon.example.gov.vn"]),
            Department(id: "mttq", name: "Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội",
                       emails: ["mttq@badon.example.gov.vn"], isExternal: true),
            Department(id: "lanh-dao", name: "Chủ tịch UBND phường", emails: ["chutich@badon.example.gov.vn"]),
        ],
        tasks: [invitation, answers])

    /// Every reminder of a task, as the planner computes it.
    static func instances(of task: PlanTask = invitation, in plan: Plan = plan) -> [ReminderInstance] {
        ReminderPlanner(calendar: calendar).instances(of: task, in: plan)
    }

    /// The task's reminder of a kind on a day.
    static func instance(_ kind: ReminderKind, _ day: String, of task: PlanTask = invitation) -> ReminderInstance {
        guard let found = instances(of: task).first(where: { $0.kind == kind && $0.day == Fixtures.date(day) }) else {
            fatalError("no \(kind) reminder of \(task.id) on \(day)")
        }
        return found
    }

    /// Renders an instance at its own instant, or at `now`.
    static func render(_ instance: ReminderInstance, plan: Plan = plan, now: Date? = nil, isLate: Bool = false) throws(MailError) -> OutgoingMail {
        try mailer.render(plan: plan, instance: instance, calendar: calendar, now: now ?? instance.at, isLate: isLate)
    }

    /// The body of the first invitation reminder (Friday 05/12/2025), as the office should read it: to the Office,
    /// which is the plan's admin, so it is not told to report to the Office.
    static let advanceBody = """
        Kính gửi: Văn phòng HĐND và UBND phường

        Căn cứ Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025;

        Đề nghị Văn phòng HĐND và UBND phường thực hiện nhiệm vụ tham mưu Giấy mời Hội nghị đối thoại năm 2025, hoàn thành chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị).

        - Nội dung: Tham mưu Giấy mời của UBND phường gửi đại biểu tham dự Hội nghị, trước 7 ngày tính đến thời điểm tổ chức hội nghị.
        - Thời gian, địa điểm tổ chức Hội nghị: 14 giờ 00, thứ Sáu, ngày 19/12/2025, tại Hội trường UBND phường Ba Đồn.

        Còn 5 ngày làm việc nữa là đến hạn.

        Trân trọng./.

        --\u{20}
        Đây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức.

        """
}

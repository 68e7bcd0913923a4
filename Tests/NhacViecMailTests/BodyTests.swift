import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// What the default body tells the departments.
struct BodyTests {
    func body(_ instance: ReminderInstance, now: Date? = nil, isLate: Bool = false) throws -> String {
        ParsedMessage(try BaDonMail.render(instance, now: now, isLate: isLate).data).body
    }

    @Test("the advance reminder greets the department, cites the plan, makes the request, states the deadline and its rule, the event's time and place, how long is left and how to report, and ends with 'Trân trọng./.'")
    func advanceBody() throws {
        let text = try body(BaDonMail.instance(.advance, "2025-12-05"))
        #expect(text == BaDonMail.advanceBody)
    }

    @Test("the due-day reminder says today is the last day")
    func dueBody() throws {
        #expect(try body(BaDonMail.instance(.due, "2025-12-12")).contains("\nHôm nay là hạn cuối.\n"))
    }

    @Test("an overdue reminder counts the working days late, skipping the weekend")
    func overdueBody() throws {
        #expect(try body(BaDonMail.instance(.overdue, "2025-12-15")).contains("\nĐã quá hạn 1 ngày làm việc.\n"))
        #expect(try body(BaDonMail.instance(.overdue, "2025-12-16")).contains("\nĐã quá hạn 2 ngày làm việc.\n"))
    }

    @Test("an escalation greets the chairman, names the one department that has not reported the task done, and reports")
    func escalationBody() throws {
        let text = try body(BaDonMail.instance(.escalation, "2025-12-15"))
        #expect(text.hasPrefix("Kính gửi: Chủ tịch UBND phường\n"))
        #expect(text.contains("\nNhiệm vụ tham mưu Giấy mời Hội nghị đối thoại năm 2025 phải hoàn thành chậm nhất ngày 12/12/2025 "
                              + "(trước 7 ngày tính đến ngày tổ chức Hội nghị). Đến nay, Văn phòng HĐND và UBND phường chưa báo cáo "
                              + "hoàn thành nhiệm vụ này.\n\n"))
        #expect(text.contains("\nKính báo cáo Chủ tịch UBND phường xem xét, chỉ đạo.\n"))
        #expect(!text.contains("Khi hoàn thành") && !text.contains("các đơn vị sau"))
    }

    @Test("a late reminder says the system was interrupted, without claiming why, and counts from the day it is actually sent")
    func lateBody() throws {
        let text = try body(BaDonMail.instance(.advance, "2025-12-05"), now: Fixtures.instant("2025-12-10T10:15"), isLate: true)
        #expect(text.contains("Thư này được gửi muộn do hệ thống nhắc việc bị gián đoạn (lẽ ra được gửi thứ Sáu, ngày 05/12/2025)."))
        #expect(!text.contains("tạm ngừng") && !text.contains("bảo trì") && !text.contains("sự cố"))
        #expect(text.contains("\nCòn 2 ngày làm việc nữa là đến hạn.\n"))
    }

    @Test("departments are joined with semicolons because their names contain commas")
    func severalDepartments() throws {
        let text = try body(BaDonMail.instance(.due, "2025-12-19", of: BaDonMail.answers))
        #expect(text.hasPrefix("Kính gửi: Văn phòng HĐND và UBND phường; Phòng Văn hóa - Xã hội; "
                               + "Phòng Kinh tế, Hạ tầng và Đô thị; Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội\n"))
        #expect(!text.contains("Nội dung:"))
    }
}

import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The report to a plan's admins when a reminder could not be delivered.
struct FailureReportTests {
    let instance = BaDonMail.instance(.due, "2025-12-12")

    func report(plan: Plan = BaDonMail.plan) throws(MailError) -> OutgoingMail {
        try BaDonMail.mailer.renderFailureReport(plan: plan, instance: instance,
                                                 reason: "sendmail exited with status 69: host unknown",
                                                 attempts: 3, calendar: BaDonMail.calendar, now: Fixtures.instant("2025-12-12T11:00"))
    }

    @Test("the report goes to the admins, says what failed for whom and why, and that nothing was recorded as sent")
    func reportContent() throws {
        let mail = try report()
        let message = ParsedMessage(mail.data)
        #expect(mail.recipients == ["vanphong@badon.example.gov.vn"])
        #expect(message["To"] == "vanphong@badon.example.gov.vn")
        #expect(mail.messageID == "<failed.due.20251212.giay-moi.ba-don-2025@badon.example.gov.vn>")
        #expect(message["In-Reply-To"] == "<due.20251212.giay-moi.ba-don-2025@badon.example.gov.vn>")
        #expect(message["References"] == "<giay-moi.ba-don-2025@badon.example.gov.vn> <due.20251212.giay-moi.ba-don-2025@badon.example.gov.vn>")
        #expect(message.decoded("Subject")
                == "[Lỗi gửi thư] Không gửi được nhắc việc V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
        let body = message.body
        #expect(body.hasPrefix("Kính gửi: Quản trị hệ thống nhắc việc (Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường "
                               + "Ba Đồn về tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025)\n"))
        #expect(body.contains("Thời hạn: chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị)\n"))
        #expect(body.contains("(đã thử 3 lần)"))
        #expect(body.contains("Người nhận: vanphong@badon.example.gov.vn\n"))
        #expect(body.contains("Loại thư: nhắc đến hạn\n"))
        #expect(body.contains("Lịch gửi: thứ Sáu, ngày 12/12/2025, 07 giờ 30\n"))
        #expect(body.contains("\nsendmail exited with status 69: host unknown\n"))
        #expect(body.contains("không được ghi nhận là đã gửi"))
        #expect(body.hasSuffix("không phải văn bản chính thức.\n"))
    }

    @Test("a plan without admins has nobody to report to, which is an error with its own code")
    func noAdmins() throws {
        var plan = BaDonMail.plan
        plan.admins = []
        do {
            _ = try report(plan: plan)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .noAdmins)
        }
    }
}

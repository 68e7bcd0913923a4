import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The weekly digest mail, read back by Python's `email`.
struct DigestMailTests {
    static var plan: Plan {
        var plan = BaDonMail.plan
        plan.departments[0].digest = DigestSettings()
        return plan
    }

    static func content(_ day: String, done: DoneOwners = DoneOwners()) -> DigestContent {
        let instance = DigestInstance(address: "vanphong@badon.example.gov.vn", day: Fixtures.date(day),
                                      at: Fixtures.instant("\(day)T07:30"), zone: .vietnam)
        return DigestContent.make(for: instance, plans: [plan], planner: ReminderPlanner(calendar: BaDonMail.calendar)) { _ in done }
    }

    @Test("Python reads the digest: office-style Vietnamese, grouped by plan, one thread per address")
    func pythonReadsTheDigest() throws {
        let mail = try BaDonMail.mailer.digest(Self.content("2025-12-08"), calendar: BaDonMail.calendar,
                                               now: Fixtures.instant("2025-12-08T07:30"), isLate: false)
        let reading = try #require(try PythonEmailTests.read([mail]).first)
        #expect(reading.defects.isEmpty, "Python found defects: \(reading.defects)")
        #expect(reading.subject == "[Nhắc việc] V/v tổng hợp nhiệm vụ trong tuần – từ ngày 08/12/2025 đến ngày 14/12/2025")
        #expect(reading.to == [["Văn phòng HĐND và UBND phường", "vanphong@badon.example.gov.vn"]])
        #expect(reading.replyTo == [["", "vanphong@badon.example.gov.vn"]])
        #expect(reading.messageID == "<digest.2025-W50.vanphong@badon.example.gov.vn>")
        #expect(reading.inReplyTo == "<digest.vanphong@badon.example.gov.vn>")
        #expect(reading.references == reading.inReplyTo)
        #expect(reading.body == """
            Kính gửi: Văn phòng HĐND và UBND phường

            Hệ thống nhắc việc xin tổng hợp 1 nhiệm vụ của đơn vị: các nhiệm vụ đến hạn trong tuần từ ngày 08/12/2025 đến ngày 14/12/2025 và các nhiệm vụ đã quá hạn mà đơn vị chưa báo cáo hoàn thành.

            I. Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025

            Nhiệm vụ đến hạn trong tuần:
            1. Tham mưu Giấy mời Hội nghị đối thoại năm 2025
               Hoàn thành chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị); còn 4 ngày làm việc.
               Đơn vị thực hiện: Văn phòng HĐND và UBND phường

            Trân trọng./.

            --\u{20}
            Đây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức.

            """)
    }

    @Test("the Message-ID is stable per address and week: a retry or a later render sends the same id")
    func stableMessageID() throws {
        let first = try BaDonMail.mailer.digest(Self.content("2025-12-15"), calendar: BaDonMail.calendar,
                                                now: Fixtures.instant("2025-12-15T07:30"), isLate: false)
        let retry = try BaDonMail.mailer.digest(Self.content("2025-12-15"), calendar: BaDonMail.calendar,
                                                now: Fixtures.instant("2025-12-15T09:45"), isLate: true)
        #expect(first.messageID == retry.messageID)
        #expect(first.messageID == "<digest.2025-W51.vanphong@badon.example.gov.vn>")
        #expect(first.recipients == ["vanphong@badon.example.gov.vn"])
        let body = ParsedMessage(retry.data).body
        #expect(body.contains("Nhiệm vụ đã quá hạn:\n1. Tham mưu Giấy mời Hội nghị đối thoại năm 2025"))
        #expect(body.contains("Nhiệm vụ đến hạn trong tuần:\n2. Tham dự và giải đáp ý kiến"))
        #expect(body.contains("Thư này được gửi muộn"))
    }

    @Test("a task its department reported done is no longer listed")
    func doneIsNotListed() {
        #expect(Self.content("2025-12-15", done: DoneOwners(departments: ["van-phong"])).taskCount == 0)
        #expect(Self.content("2025-12-15").taskCount == 2)
    }
}

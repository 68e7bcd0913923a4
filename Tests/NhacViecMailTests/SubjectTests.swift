import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The subject line the office expects, for every kind of reminder.
struct SubjectTests {
    func subject(_ instance: ReminderInstance, now: Date? = nil, isLate: Bool = false) throws -> String? {
        ParsedMessage(try BaDonMail.render(instance, now: now, isLate: isLate).data).decoded("Subject")
    }

    @Test("the Ba Đồn invitation reminder reads '[Nhắc việc] V/v gửi Giấy mời … – chậm nhất ngày 12/12/2025', the title lowercased after V/v")
    func invitationAdvanceSubject() throws {
        #expect(try subject(BaDonMail.instance(.advance, "2025-12-05"))
                == "[Nhắc việc] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
    }

    @Test("on the due day the subject says the deadline is today")
    func dueDaySubject() throws {
        #expect(try subject(BaDonMail.instance(.due, "2025-12-12"))
                == "[Đến hạn hôm nay] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
    }

    @Test("an overdue reminder is tagged '[Quá hạn]'")
    func overdueSubject() throws {
        #expect(try subject(BaDonMail.instance(.overdue, "2025-12-15"))
                == "[Quá hạn] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
    }

    @Test("an escalation is tagged '[Chậm tiến độ]' and names the late department, so it cannot read as 'the report is overdue'")
    func escalationSubject() throws {
        #expect(try subject(BaDonMail.instance(.escalation, "2025-12-15"))
                == "[Chậm tiến độ] Văn phòng HĐND và UBND phường chưa hoàn thành: V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
    }

    @Test("a reminder sent late says '(gửi muộn)', and a due-day one sent after the day no longer claims it is today")
    func lateSubject() throws {
        let due = BaDonMail.instance(.due, "2025-12-12")
        #expect(try subject(due, now: due.at.addingTimeInterval(3600), isLate: true)
                == "[Đến hạn hôm nay] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025 (gửi muộn)")
        #expect(try subject(due, now: Fixtures.instant("2025-12-15T08:05"), isLate: true)
                == "[Quá hạn] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025 (gửi muộn)")
    }

    @Test("the subject is encoded-words only: no raw UTF-8 reaches the header")
    func subjectIsEncoded() throws {
        let message = ParsedMessage(try BaDonMail.render(BaDonMail.instance(.advance, "2025-12-05")).data)
        let raw = try #require(message["Subject"])
        #expect(raw.allSatisfy { $0.isASCII })
        #expect(raw.hasPrefix("=?UTF-8?B?"))
    }
}

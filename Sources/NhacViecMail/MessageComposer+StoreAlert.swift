import Foundation
import NhacViecCore

extension MessageComposer {
    /// The notice to a plan's admins that the state file could not be written for a while and now can:
    /// reminders held back meanwhile go out late. Nil for a plan without admins.
    public func storeRecovered(plan: Plan, since: Date, reason: String, now: Date) throws -> OutgoingMail? {
        guard !plan.admins.isEmpty else { return nil }
        let reading = LocalReading(now, zone: plan.timeZone)
        let from = LocalReading(since, zone: plan.timeZone)
        let subject = SubjectLine.fitted(title: plan.subjectInSentence) { title in
            Self.oneLine("[Nhắc việc] Hệ thống đã ghi được trạng thái trở lại – Kế hoạch \(title)")
        }
        let body = Self.paragraphs("""
            Kính gửi: Quản trị hệ thống nhắc việc (\(plan.citation))

            Từ \(VietnameseText.time(from.time)) ngày \(from.day.vietnamese) đến \(VietnameseText.time(reading.time)) ngày \(reading.day.vietnamese), hệ thống \
            nhắc việc nhacviec không ghi được tệp trạng thái, nên đã tạm dừng gửi thư nhắc việc để không gửi thư mà \
            không ghi nhận. Lỗi: \(String(reason.prefix(500)))

            Tệp trạng thái đã ghi được trở lại. Các thư nhắc việc bị tạm dừng được gửi ngay bây giờ, muộn hơn lịch.

            \(MailFooter.text)
            """)
        let stamp = Int(now.timeIntervalSince1970)
        let messageID = "<store-recovered.\(stamp).\(plan.id)@\(identifiers.domain)>"
        // It belongs to no task's thread.
        let message = headers(to: plan.admins.map { Mailbox(name: nil, address: $0) }, cc: [], replyTo: [],
                              subject: subject, date: reading, messageID: messageID, inReplyTo: nil, references: [])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: plan.admins, messageID: messageID,
                            data: message.message(body: body))
    }
}

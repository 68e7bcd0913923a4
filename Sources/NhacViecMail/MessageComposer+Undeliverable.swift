import Foundation
import NhacViecCore

extension MessageComposer {
    /// The notice to a plan's admins that a reminder did not reach a department's address, from a delivery
    /// report: at most one a day per address (the caller's rule). Nil when the plan has no admins.
    ///
    /// It goes out with the null envelope sender, like every mail about mail, so it cannot bounce back.
    public func undeliverableNotice(plan: Plan, failure: AddressFailure, calendar: WorkingCalendar, now: Date) -> OutgoingMail? {
        guard !plan.admins.isEmpty else { return nil }
        let reading = LocalReading(now, zone: plan.timeZone)
        let unitName = failure.department.flatMap { plan.department($0)?.name } ?? failure.department
        let task = plan.task(failure.task, calendar: calendar)
        let about = task.map { " về nhiệm vụ \($0.titleInSentence)" } ?? ""
        let subject = SubjectLine.fitted(title: task?.titleInSentence ?? "") { title in
            let topic = title.isEmpty ? "" : " V/v \(title)"
            return Self.oneLine("[Không gửi được] Thư nhắc việc\(topic) tới \(failure.address)")
        }
        let diagnostic = failure.diagnostic.map { "\nMáy chủ thư trả lời: \($0)" } ?? ""
        let body = Self.paragraphs("""
            Kính gửi: Quản trị hệ thống nhắc việc (\(plan.citation))

            Thư nhắc việc\(about) gửi tới địa chỉ \(failure.address)\(unitName.map { " (\($0))" } ?? "") không đến được \
            người nhận: \(failure.status) \(Self.statusMeaning(failure.status)).\(diagnostic)

            Đề nghị kiểm tra địa chỉ thư của đơn vị trong tệp kế hoạch rồi chạy: systemctl reload nhacviec. Trong khi \
            địa chỉ chưa được sửa, đơn vị không nhận được thư nhắc việc. Lệnh nhacviec status cho biết các địa chỉ không \
            gửi được. Thông báo này được gửi nhiều nhất một lần mỗi ngày cho mỗi địa chỉ.

            \(MailFooter.text)
            """)
        let messageID = "<undeliverable.\(Int(now.timeIntervalSince1970)).\(UUID().uuidString.lowercased())@\(identifiers.domain)>"
        let message = headers(to: plan.admins.map { Mailbox(name: nil, address: $0) }, cc: [], replyTo: plan.admins,
                              subject: subject, date: reading, messageID: messageID, inReplyTo: nil, references: [])
        return OutgoingMail(envelopeSender: "", recipients: plan.admins, messageID: messageID, data: message.message(body: body))
    }

    /// A few words on the commonest enhanced status codes (RFC 3463), in Vietnamese.
    static func statusMeaning(_ status: String) -> String {
        switch status {
        case "5.1.1": return "(địa chỉ người nhận không tồn tại)"
        case "5.1.2": return "(tên miền người nhận không tồn tại)"
        case "5.2.1": return "(hộp thư bị khoá)"
        case "5.2.2": return "(hộp thư đầy)"
        case "5.7.1": return "(máy chủ nhận từ chối thư)"
        default: return status.hasPrefix("4.") ? "(thư đang bị chậm, máy chủ còn thử gửi lại)" : "(thư bị trả lại)"
        }
    }
}

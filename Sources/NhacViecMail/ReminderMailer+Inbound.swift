import Foundation
import NhacViecCore

extension ReminderMailer {
    /// The acknowledgement of a department's completion reply: to the department, the plan's admins in
    /// copy, threaded under the task.
    public func acknowledgement(plan: Plan, task: PlanTask, department: String, completion: Completion, remaining: [String],
                                inReplyTo: String?, now: Date) -> OutgoingMail {
        let reading = LocalReading(now, zone: plan.timeZone)
        let unit = plan.department(department)
        let unitName = unit?.name ?? department
        let refText = completion.ref.map { " (văn bản số \($0))" } ?? ""
        let rest = remaining.map { plan.department($0)?.name ?? $0 }
        let subject = Self.oneLine("[Đã ghi nhận] \(unitName) hoàn thành: \(task.title)")
        let body = Self.paragraphs("""
            Kính gửi: \(unitName)

            Hệ thống nhắc việc đã ghi nhận \(unitName) báo cáo hoàn thành nhiệm vụ "\(task.title)" \
            thuộc \(plan.title)\(refText), theo thư trả lời của \(completion.doneBy ?? "đơn vị") lúc \
            \(VietnameseText.time(reading.time)) ngày \(reading.day.vietnamese). \(unitName) sẽ không nhận thêm thư nhắc \
            việc cho nhiệm vụ này.

            \(rest.isEmpty ? "Tất cả các đơn vị phụ trách đã hoàn thành nhiệm vụ này." : "Các đơn vị chưa báo cáo hoàn thành: \(rest.joined(separator: ", ")).")

            Nếu ghi nhận này không đúng, đề nghị báo lại cho quản trị kế hoạch (\(plan.admins.joined(separator: ", "))).

            Trân trọng./.

            --\u{20}
            Đây là thư tự động của hệ thống nhắc việc nhacviec, không phải văn bản chính thức.
            """)
        let messageID = "<ack.\(Int(now.timeIntervalSince1970)).\(task.id).\(plan.id).\(department)@\(identifiers.domain)>"
        let root = "<\(task.id).\(plan.id)@\(identifiers.domain)>"
        let to = (unit?.emails ?? []).map { Mailbox(name: unitName, address: $0) }
        let cc = plan.admins.map { Mailbox(name: nil, address: $0) }
        let message = headers(to: to, cc: cc, replyTo: plan.admins, subject: subject, date: reading, messageID: messageID,
                              inReplyTo: inReplyTo ?? root, references: [root] + (inReplyTo.map { [$0] } ?? []))
        return OutgoingMail(envelopeSender: envelopeSender, recipients: Array(Set(to.map(\.address) + cc.map(\.address))).sorted(),
                            messageID: messageID, data: message.message(body: body))
    }

    /// A received message handed to people, attached whole, with one line saying why nhacviec did not act on it.
    public func forward(original: Data, subject originalSubject: String?, from sender: String?, to recipients: [String],
                        reason: String, planTitle: String?, now: Date) -> OutgoingMail {
        let reading = LocalReading(now, zone: .vietnam)
        let subject = Self.oneLine("[Chuyển tiếp] \(originalSubject ?? "(không có tiêu đề)")")
        let body = Self.paragraphs("""
            nhacviec không xử lý thư này: \(reason).

            Thư gửi từ: \(sender ?? "(không rõ)")\(planTitle.map { "\nKế hoạch: \($0)" } ?? "")
            Thư gốc được đính kèm nguyên vẹn. Đề nghị quản trị xem và trả lời người gửi nếu cần; nếu đơn vị đã \
            hoàn thành, có thể ghi nhận bằng lệnh nhacviec done.

            --\u{20}
            Đây là thư tự động của hệ thống nhắc việc nhacviec, không phải văn bản chính thức.
            """)
        let messageID = "<forward.\(Int(now.timeIntervalSince1970)).\(UUID().uuidString.lowercased())@\(identifiers.domain)>"
        // Replying to the forward reaches the person who wrote, not nhacviec.
        let replyTo = sender.flatMap { MailAddress.isValid($0) ? [$0] : nil } ?? []
        let message = headers(to: recipients.map { Mailbox(name: nil, address: $0) }, cc: [], replyTo: replyTo, subject: subject,
                              date: reading, messageID: messageID, inReplyTo: nil, references: [])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: recipients, messageID: messageID,
                            data: message.message(body: body, attaching: original))
    }
}

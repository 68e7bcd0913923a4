import Foundation
import NhacViecCore

extension MessageComposer {
    /// The one acknowledgement of a department's reply to a grouped mail: each item it recorded (or updated with a
    /// document number or date), to the department with the plan's admins in copy, in the department's thread.
    /// It goes out with the null envelope sender, like every answer to mail.
    public func groupAcknowledgement(plan: Plan, department: String,
                                     items: [(task: PlanTask, completion: Completion, updated: Bool)],
                                     inReplyTo: String?, now: Date) -> OutgoingMail {
        let reading = LocalReading(now, zone: plan.timeZone)
        let unit = plan.department(department)?.name ?? department
        let lines = items.map { item in
            let date = item.completion.answeredOn.map { " ngày \($0.vietnamese)" } ?? ""
            let reference = item.completion.ref.map { " (văn bản số \($0)\(date))" }
            return "- \(item.task.title)\(reference ?? "")\(item.updated ? ": đã cập nhật" : "")"
        }
        let petitions = !items.isEmpty && items.allSatisfy { $0.task.petition != nil }
        // Like the single acknowledgement: "V/v" first, tasks of the Kế hoạch, petitions of their Notice.
        let subject = SubjectLine.clipped(Self.oneLine(
            "V/v ghi nhận \(unit) hoàn thành \(items.count) \(petitions ? "kiến nghị" : "nhiệm vụ")"))
        let basis = petitions ? "theo " + plan.noticeCitation(counting: items[0].task.due) : "thuộc " + plan.citation
        let emails = plan.department(department)?.emails ?? []
        let toAdmins = Self.areAdmins(emails, of: plan)
        let correction = toAdmins || plan.admins.isEmpty ? "" : " Nếu ghi nhận này không đúng, đề nghị báo lại cho "
            + "quản trị kế hoạch (\(plan.admins.joined(separator: ", ")))."
        let body = Self.paragraphs("""
            Kính gửi: \(unit)

            Hệ thống nhắc việc đã ghi nhận \(unit) báo cáo hoàn thành các nhiệm vụ sau \(basis), theo thư trả lời \
            lúc \(VietnameseText.time(reading.time)) ngày \(reading.day.vietnamese):

            \(lines.joined(separator: "\n"))

            \(unit) sẽ không nhận thêm thư nhắc việc cho các nhiệm vụ này.\(correction)

            Trân trọng./.

            \(MailFooter.text)
            """)
        return acknowledgementMail(
            plan: plan, to: emails, unitName: unit, subject: subject, body: body, reading: reading,
            messageID: "<ack.\(Int(now.timeIntervalSince1970)).\(department).\(plan.id)@\(identifiers.domain)>",
            root: "<\(department).\(plan.id)@\(identifiers.domain)>", inReplyTo: inReplyTo)
    }
}

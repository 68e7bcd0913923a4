import Foundation
import NhacViecCore

extension MessageComposer {
    /// The report to the plan's admins that a reminder could not be delivered and was not recorded as sent.
    ///
    /// Throws `noAdmins` when the plan names none: the caller then has only the journal to report to.
    public func renderFailureReport(plan: Plan, instance: ReminderInstance, reason: String, attempts: Int,
                                    calendar: WorkingCalendar, now: Date) throws(MailError) -> OutgoingMail {
        guard !plan.admins.isEmpty else {
            throw MailError(code: .noAdmins, message: "plan '\(plan.id)' has no admin to report the failed reminder \(instance.key) to")
        }
        let reading = LocalReading(now, zone: plan.timeZone)
        let task = plan.task(instance.taskID, calendar: calendar)
        let title = task?.title ?? instance.taskID
        let deadline = task.map { DeadlinePhrase(task: $0, plan: plan, dueDay: instance.dueDay) }
        let subject = SubjectLine.fitted(title: task?.titleInSentence ?? title) { title in
            Self.oneLine("[Lỗi gửi thư] Không gửi được nhắc việc V/v \(title) – "
                         + (deadline?.short ?? "chậm nhất ngày " + instance.dueDay.vietnamese))
        }
        let body = Self.paragraphs(FailureReportText(plan: plan, instance: instance, title: title, reason: reason,
                                                     attempts: attempts, deadline: deadline).body)
        let messageID = identifiers.failureReportID(instance)
        let failed = identifiers.messageID(instance)
        // A reply to the message that was not delivered, inside the task's thread, so the admins see it in context.
        let message = headers(to: plan.admins.map { Mailbox(name: nil, address: $0) }, cc: [], replyTo: [],
                              subject: subject, date: reading, messageID: messageID, inReplyTo: failed,
                              references: [identifiers.threadRoot(instance), failed])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: plan.admins, messageID: messageID,
                            data: message.message(body: body))
    }
}

/// The Vietnamese text of a failure report; not a template, since admins need the same facts whatever a plan says.
struct FailureReportText {
    let plan: Plan
    let instance: ReminderInstance
    let title: String
    let reason: String
    let attempts: Int
    /// The task's deadline in words; nil when the task is no longer in the plan.
    let deadline: DeadlinePhrase?

    /// The longest sendmail error quoted; a runaway stderr should not make a megabyte report.
    static let reasonLimit = 2000

    /// What the reminder was, to whom, what failed, and what that means.
    var body: String {
        let when = VietnameseText.weekday(instance.day) + ", ngày " + instance.day.vietnamese + ", "
            + VietnameseText.time(plan.sendAt)
        let quoted = reason.count > Self.reasonLimit ? String(reason.prefix(Self.reasonLimit)) + " […]" : reason
        // The ids stay: this report goes to the admins, who look the reminder up in the journal and `status`.
        return """
            Kính gửi: Quản trị hệ thống nhắc việc (\(plan.citation))

            Hệ thống nhắc việc nhacviec không gửi được thư nhắc việc sau (đã thử \(attempts) lần):

            Nhiệm vụ: \(title) (mã \(instance.taskID))
            Loại thư: \(Self.kindName(instance.kind))
            Thời hạn: \(deadline?.full ?? "chậm nhất ngày " + instance.dueDay.vietnamese)
            Lịch gửi: \(when)
            Người nhận: \(instance.recipients.joined(separator: ", "))
            Thuộc: \(plan.citation) (mã \(plan.id))

            Lỗi do sendmail báo:
            \(quoted.trimmingCharacters(in: .whitespacesAndNewlines))

            Thư này không được ghi nhận là đã gửi và hệ thống sẽ không gửi lại; các lần nhắc sau của nhiệm vụ \
            vẫn được gửi theo lịch. Đề nghị kiểm tra hệ thống thư và, nếu cần, báo trực tiếp cho người nhận.

            Trân trọng./.

            \(MailFooter.text)
            """
    }

    /// The kind of reminder as the office names it.
    static func kindName(_ kind: ReminderKind) -> String {
        switch kind {
        case .advance: return "nhắc trước hạn"
        case .due: return "nhắc đến hạn"
        case .overdue: return "nhắc quá hạn"
        case .escalation: return "báo cáo chậm tiến độ lên lãnh đạo"
        }
    }
}

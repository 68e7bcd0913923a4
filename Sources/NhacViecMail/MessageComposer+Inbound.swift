import Foundation
import NhacViecCore

extension MessageComposer {
    /// The acknowledgement of a department's completion reply: to the department, the plan's admins in
    /// copy, threaded under the task.
    /// `updated` says the reply brought a document number or date to a completion already recorded.
    public func acknowledgement(plan: Plan, task: PlanTask, department: String, completion: Completion, remaining: [String],
                                inReplyTo: String?, now: Date, updated: Bool = false) -> OutgoingMail {
        let reading = LocalReading(now, zone: plan.timeZone)
        let unit = plan.department(department)
        let unitName = unit?.name ?? department
        let subject = SubjectLine.fitted(title: task.titleInSentence) { title in
            Self.oneLine("V/v ghi nhận \(unitName) hoàn thành nhiệm vụ \(title)")
        }
        let emails = unit?.emails ?? []
        let body = Self.paragraphs(AcknowledgementText(
            plan: plan, task: task, unitName: unitName, completion: completion, remaining: remaining, at: reading,
            updated: updated, isToAdmins: Self.areAdmins(emails, of: plan)).body)
        return acknowledgementMail(
            plan: plan, to: emails, unitName: unitName, subject: subject, body: body, reading: reading,
            messageID: "<ack.\(Int(now.timeIntervalSince1970)).\(task.id).\(plan.id).\(department)@\(identifiers.domain)>",
            root: "<\(task.id).\(plan.id)@\(identifiers.domain)>", inReplyTo: inReplyTo)
    }

    /// An acknowledgement's message: to the department, the plan's admins in copy (unless they are the department)
    /// and as Reply-To, threaded under the reply it answers and `root`.
    func acknowledgementMail(plan: Plan, to emails: [String], unitName: String, subject: String, body: String,
                             reading: LocalReading, messageID: String, root: String, inReplyTo: String?) -> OutgoingMail {
        let to = emails.map { Mailbox(name: unitName, address: $0) }
        let own = Set(emails.map { $0.lowercased() })
        let cc = plan.admins.filter { !own.contains($0.lowercased()) }.map { Mailbox(name: nil, address: $0) }
        let message = headers(to: to, cc: cc, replyTo: plan.admins, subject: subject, date: reading, messageID: messageID,
                              inReplyTo: inReplyTo ?? root, references: [root] + (inReplyTo.map { [$0] } ?? []))
        // The null sender: an acknowledgement answers mail, and must not bounce back to the reply address.
        return OutgoingMail(envelopeSender: "", recipients: Array(Set(to.map(\.address) + cc.map(\.address))).sorted(),
                            messageID: messageID, data: message.message(body: body))
    }

    /// A received message handed to people, with one line saying why nhacviec did not act on it and a summary
    /// of its header; the original is attached whole when it is small enough (`Forwarded.attachmentLimit`).
    ///
    /// It goes out with the null envelope sender (RFC 5321 §4.5.5): mail sent in answer to mail must never
    /// bounce back to the reply address, where it would be forwarded again.
    public func forward(_ original: Forwarded, to recipients: [String], reason: String, planTitle: String?, now: Date) -> OutgoingMail {
        let reading = LocalReading(now, zone: .vietnam)
        let subject = SubjectLine.clipped(Self.oneLine("[Chuyển tiếp] \(original.subject ?? "(không có tiêu đề)")"))
        let attached = original.data.count <= Forwarded.attachmentLimit
        let attachment = attached ? "Thư gốc được đính kèm nguyên vẹn."
            : "Thư gốc (\(Forwarded.size(original.data.count))) quá lớn nên không được đính kèm; trên đây là phần tóm tắt."
        let excerpt = original.text.map { text in
            "\nNội dung thư (phần người gửi viết):\n\n\(Forwarded.clipped(text, to: Forwarded.textLimit))\n"
        } ?? ""
        let body = Self.paragraphs("""
            nhacviec không xử lý thư này: \(reason).
            \(planTitle.map { "\nKế hoạch: \($0)" } ?? "")
            Thư gửi từ: \(original.from ?? "(không rõ)")
            Gửi tới: \(original.to ?? "(không rõ)")
            Tiêu đề: \(Forwarded.clipped(original.subject ?? "(không có)", to: Forwarded.subjectLimit))
            Ngày gửi: \(original.date ?? "(không rõ)")
            Mã thư (Message-ID): \(original.messageID ?? "(không có)")
            Kích thước: \(Forwarded.size(original.data.count))
            \(excerpt)
            \(attachment) Đề nghị quản trị xem và trả lời người gửi nếu cần; nếu đơn vị đã hoàn thành, có thể ghi nhận \
            bằng lệnh nhacviec done.

            \(MailFooter.text)
            """)
        let messageID = "<forward.\(Int(now.timeIntervalSince1970)).\(UUID().uuidString.lowercased())@\(identifiers.domain)>"
        // Replying to the forward reaches the person who wrote, not nhacviec.
        let replyTo = original.from.flatMap { MailAddress.isValid($0) ? [$0] : nil } ?? []
        let message = headers(to: recipients.map { Mailbox(name: nil, address: $0) }, cc: [], replyTo: replyTo, subject: subject,
                              date: reading, messageID: messageID, inReplyTo: nil, references: [])
        return OutgoingMail(envelopeSender: "", recipients: recipients, messageID: messageID,
                            data: attached ? message.message(body: body, attaching: original.data) : message.message(body: body))
    }
}

/// A received message as a forward shows it: its bytes and the few header fields a person needs.
public struct Forwarded: Sendable {
    /// The original subject a forward quotes in its summary stops here (characters); the forward's own subject
    /// follows `SubjectLine`, like every subject nhacviec writes.
    public static let subjectLimit = 200
    /// The reply's own text quoted in a forward stops here (UTF-8 bytes).
    public static let textLimit = 64 << 10
    /// A larger original is summarised, not attached.
    public static let attachmentLimit = 1 << 20

    /// The message as received.
    public var data: Data
    /// Its decoded `Subject`.
    public var subject: String?
    /// Its sender's address.
    public var from: String?
    /// Its `To`, as the summary shows it.
    public var to: String?
    /// Its `Date`.
    public var date: String?
    /// Its `Message-ID`.
    public var messageID: String?
    /// The text its sender wrote, when the message was read that far (never for mail without a valid token).
    public var text: String?

    /// Creates a summary.
    public init(data: Data, subject: String?, from: String?, to: String?, date: String?, messageID: String?, text: String?) {
        self.data = data
        self.subject = subject
        self.from = from
        self.to = to
        self.date = date
        self.messageID = messageID
        self.text = text
    }

    /// The text cut to `limit` (characters for a subject, UTF-8 bytes for a text), marked with an ellipsis when cut.
    static func clipped(_ text: String, to limit: Int) -> String {
        if limit == subjectLimit {
            return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
        }
        guard text.utf8.count > limit else { return text }
        var count = 0
        let kept = text.prefix { character in
            count += character.utf8.count
            return count <= limit - 3
        }
        return String(kept) + "…"
    }

    /// `12 kB`, `3,4 MB`: sizes as a Vietnamese reader writes them.
    static func size(_ bytes: Int) -> String {
        if bytes < 1 << 20 { return "\(max(1, bytes >> 10)) kB" }
        let tenths = (bytes * 10) >> 20
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}

import Foundation
import NhacViecCore

extension MessageComposer {
    /// One mail to one department listing every item of a plan that falls due for it at the same minute (petitions,
    /// or tasks): "06 kiến nghị đến hạn trả lời", each with its number, title and deadline. Its reply address names
    /// the copy (`copyID`), whose items the ledger keeps, so that "Đã trả lời kiến nghị số 3 và 5" marks those two.
    ///
    /// It threads per department and plan: one conversation a department can follow, apart from the single reminders,
    /// which stay in their task's thread.
    func composeGroupedReminder(plan: Plan, items: [GroupedItem], copy: MailCopy, copyID: Int64, calendar: WorkingCalendar,
                                now: Date, isLate: Bool) throws(MailError) -> OutgoingMail {
        // Without per-department copies one mail goes to every owner of the items, and names them all.
        let departments = copy.department.map { [$0] } ?? copy.departments
        guard !departments.isEmpty, !copy.recipients.isEmpty, !items.isEmpty else {
            throw MailError(code: .noRecipients, message: "a grouped reminder of \(plan.id) has no recipients")
        }
        let department = copy.groupOwner
        let reading = LocalReading(now, zone: plan.timeZone)
        let unit = departments.map { plan.department($0)?.name ?? $0 }.joined(separator: "; ")
        let petitions = items.allSatisfy(\.isPetition)
        let what = petitions ? "kiến nghị" : "nhiệm vụ"
        let count = items.count < 10 ? "0\(items.count)" : "\(items.count)"
        let earliest = items.map(\.instance.dueDay).min()!
        let state = Self.groupState(items.map(\.instance.dueDay), today: reading.day)
        let subject = SubjectLine.clipped(Self.oneLine(
            "[Nhắc việc] V/v \(count) \(what) \(state)\(petitions ? " trả lời" : "") – chậm nhất ngày "
                + "\(earliest.vietnamese)\(isLate ? " (gửi muộn)" : "")"))
        // Petitions rest on the Conclusion Notice that assigned them, tasks on the plan (Plan+Citation).
        let basis = petitions ? plan.noticeCitation(counting: items[0].task.due) : plan.citation
        let lines = items.map { item in Self.itemLine(item, plan: plan, calendar: calendar, today: reading.day) }
        let example = petitions
            ? "\"Đã trả lời kiến nghị số \(items[0].number)\(items.count > 1 ? " và \(items[1].number)" : "") tại văn bản số …\""
            : "\"Đã hoàn thành mục \(items[0].number)\""
        let body = Self.paragraphs("""
            Kính gửi: \(unit)

            Căn cứ \(basis), Hệ thống nhắc việc trân trọng nhắc \(unit) \(items.count) \(what) sau:

            \(lines.joined(separator: "\n\n"))

            Khi hoàn thành, đề nghị trả lời thư này và nêu rõ \(petitions ? "số kiến nghị" : "số mục"), ví dụ: \(example), \
            hoặc "Đã hoàn thành tất cả".

            Trân trọng./.

            \(MailFooter.text)
            """)
        let messageID = groupMessageID(plan: plan, department: department, now: now)
        let root = "<\(department).\(plan.id)@\(identifiers.domain)>"
        let known = departments.compactMap { plan.department($0) }
        let to = known.isEmpty ? copy.recipients.map { Mailbox(name: unit, address: $0) }
            : known.flatMap { owner in owner.emails.map { Mailbox(name: owner.name, address: $0) } }
        let cc = known.flatMap(\.cc).map { Mailbox(name: nil, address: $0) }
        let replyTo = copyReplyAddress.map { [$0(copyID)] } ?? plan.admins
        let message = headers(to: to, cc: cc, replyTo: replyTo, subject: subject, date: reading, messageID: messageID,
                              inReplyTo: root, references: [root])
        return OutgoingMail(envelopeSender: envelopeSender, recipients: copy.recipients, messageID: messageID,
                            data: message.message(body: body))
    }

    /// The items' standing for the subject, by their due days: `đã quá hạn` when all are past, `đến hạn` when all
    /// are due by today, `sắp đến hạn` when none is; a mix names each part: `đến hạn và sắp đến hạn`.
    static func groupState(_ days: [LocalDate], today: LocalDate) -> String {
        if days.allSatisfy({ $0 < today }) { return "đã quá hạn" }
        let parts = [days.contains { $0 < today } ? "quá hạn" : nil, days.contains { $0 == today } ? "đến hạn" : nil,
                     days.contains { $0 > today } ? "sắp đến hạn" : nil].compactMap { $0 }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " và " + parts.last!
    }

    /// `<group.YYYYMMDDHHMM.DEPARTMENT.PLAN@DOMAIN>`: one grouped mail a minute per department and plan.
    public func groupMessageID(plan: Plan, department: String, now: Date) -> String {
        let reading = LocalReading(now, zone: plan.timeZone)
        let stamp = reading.day.iso.replacingOccurrences(of: "-", with: "") + reading.time.description.replacingOccurrences(of: ":", with: "")
        return "<group.\(stamp).\(department).\(plan.id)@\(identifiers.domain)>"
    }

    /// `1. Kiến nghị số 3: … – chậm nhất ngày 26/12/2025 (…). Đã quá hạn 2 ngày làm việc.`
    static func itemLine(_ item: GroupedItem, plan: Plan, calendar: WorkingCalendar, today: LocalDate) -> String {
        let due = item.instance.dueDay
        let label = item.isPetition ? "Kiến nghị số \(item.number)" : "\(item.number)."
        let content = item.task.petition?.content ?? item.task.description.map(Self.petitionContent)
        let title = item.isPetition ? (content ?? item.task.title) : item.task.title
        // The deadline in the one form of every mail (DeadlinePhrase), rule and "dự kiến" included.
        let deadline = DeadlinePhrase(task: item.task, plan: plan, dueDay: due).full
        let left = today < due ? calendar.workingDays(from: today, to: due) : 0
        let late = today > due ? calendar.workingDays(from: due, to: today) : 0
        let countdown = TemplateVariables.countdown(today: today, due: due, workingDaysLeft: left, workingDaysLate: late)
        return "\(label)\(item.isPetition ? ":" : "") \(title) – \(deadline). \(countdown)"
    }

    /// A petition's content from its task's description, without the label the single reminder shows it under.
    static func petitionContent(_ description: String) -> String {
        let first = description.split(separator: "\n").first.map(String.init) ?? description
        let label = "Nội dung kiến nghị: "
        return first.hasPrefix(label) ? String(first.dropFirst(label.count)) : first
    }
}

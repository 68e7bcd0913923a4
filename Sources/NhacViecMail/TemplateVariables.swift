import Foundation
import NhacViecCore

/// The names and values a reminder's templates can use, computed once from the plan, the instance and the clock.
struct TemplateVariables {
    /// The owners' names and the addressees' names, for the greeting and the body.
    struct People {
        /// The departments responsible for the task.
        var owners: [String]
        /// Who the message is addressed to: the owners, or the escalation recipients.
        var addressees: [String]
        /// The owners that are the committee's own departments, which are asked to carry out a task.
        var own: [String] = []
        /// The owners outside the committee's authority (`external: true`), which are asked to cooperate.
        var external: [String] = []
    }

    /// The Mustache context.
    let context: [String: Any]

    /// Names joined for a sentence. `; ` rather than `, ` because department names contain commas
    /// (`Phòng Kinh tế, Hạ tầng và Đô thị`).
    static func join(_ names: [String]) -> String { names.joined(separator: "; ") }

    /// Computes every variable; `today` and the countdown come from `now`, which differs from the instance's day
    /// when a reminder is sent late.
    init(plan: Plan, task: PlanTask, instance: ReminderInstance, people: People, calendar: WorkingCalendar,
         now: LocalReading, isLate: Bool, replyByMail: Bool = false) {
        let due = instance.dueDay
        let today = now.day
        let workingDaysLeft = today < due ? calendar.workingDays(from: today, to: due) : 0
        let workingDaysLate = today > due ? calendar.workingDays(from: due, to: today) : 0
        let event = task.due.event.flatMap { plan.events[$0] }
        let isTentative = event?.isTentative == true && event?.date != nil
        var context: [String: Any] = [
            "title": task.title,
            "titleInSentence": Self.inSentence(task.title, keep: task.keepsTitleCase),
            "planTitle": plan.title,
            "taskID": task.id,
            "planID": plan.id,
            "kind": instance.kind.rawValue,
            "dueDate": due.vietnamese,
            "dueWeekday": VietnameseText.weekday(due),
            "dueWeekdayCapitalized": VietnameseText.capitalized(VietnameseText.weekday(due)),
            "sendDate": today.vietnamese,
            "sendWeekday": VietnameseText.weekday(today),
            "sendTime": VietnameseText.time(now.time),
            "scheduledDate": instance.day.vietnamese,
            "scheduledWeekday": VietnameseText.weekday(instance.day),
            "workingDaysLeft": workingDaysLeft,
            "workingDaysLate": workingDaysLate,
            "countdown": Self.countdown(today: today, due: due, workingDaysLeft: workingDaysLeft,
                                        workingDaysLate: workingDaysLate),
            "isAdvance": instance.kind == .advance,
            "isDue": instance.kind == .due,
            "isOverdue": instance.kind == .overdue,
            "isEscalation": instance.kind == .escalation,
            "isBeforeDue": today < due,
            "isDueToday": today == due,
            "isPastDue": today > due,
            "isLate": isLate,
            "departments": people.owners.map { ["name": $0] },
            "departmentNames": Self.join(people.owners),
            "recipients": people.addressees.map { ["name": $0] },
            "recipientNames": Self.join(people.addressees),
            "admins": plan.admins,
            "citation": Self.citation(plan),
            "isTentative": isTentative,
            "isExternal": people.own.isEmpty && !people.external.isEmpty,
            "replyByMail": replyByMail,
        ]
        if !people.own.isEmpty { context["ownDepartmentNames"] = Self.join(people.own) }
        if !people.external.isEmpty { context["externalDepartmentNames"] = Self.join(people.external) }
        if let number = plan.number { context["planNumber"] = number }
        if let issued = plan.issued { context["planIssued"] = issued.vietnamese }
        if let signer = plan.signer { context["planSigner"] = signer }
        if let event, let date = event.date {
            let mark = isTentative ? " (dự kiến)" : ""
            context["eventDate"] = date.vietnamese
            context["eventWeekday"] = VietnameseText.weekday(date)
            if let name = event.name { context["eventName"] = name }
            if let time = event.time { context["eventTime"] = VietnameseText.time(time) }
            if let place = event.place { context["eventPlace"] = place }
            if event.time != nil || event.place != nil {
                context["eventDetails"] = [event.time.map(VietnameseText.time),
                                           VietnameseText.weekday(date) + ", ngày " + date.vietnamese + mark,
                                           event.place.map { "tại " + $0 }].compactMap { $0 }.joined(separator: ", ")
            }
            if case .relative(_, let direction, let offset) = task.due {
                context["dueRule"] = Self.rule(direction: direction, offset: offset, eventName: event.name,
                                               eventDay: VietnameseText.weekday(date) + " " + date.vietnamese + mark)
            }
        }
        // Left out rather than empty: an empty string is truthy in a Mustache section and would print `()`.
        if let description = task.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            context["description"] = description
        }
        if !plan.authority.isEmpty { context["authority"] = plan.authority }
        if !plan.admins.isEmpty { context["adminList"] = plan.admins.joined(separator: ", ") }
        self.context = context
    }

    /// `Còn 5 ngày làm việc nữa là đến hạn.`, `Hôm nay là hạn cuối.` or `Đã quá hạn 2 ngày làm việc.`
    ///
    /// Calendar days stand in when no working day separates the two dates (a deadline on a Saturday), so the
    /// sentence never says zero.
    static func countdown(today: LocalDate, due: LocalDate, workingDaysLeft: Int, workingDaysLate: Int) -> String {
        if today == due { return "Hôm nay là hạn cuối." }
        if today < due {
            if workingDaysLeft > 0 { return "Còn \(workingDaysLeft) ngày làm việc nữa là đến hạn." }
            return "Còn \(due.julianDay - today.julianDay) ngày nữa là đến hạn."
        }
        if workingDaysLate > 0 { return "Đã quá hạn \(workingDaysLate) ngày làm việc." }
        return "Đã quá hạn \(today.julianDay - due.julianDay) ngày."
    }

    /// The title as it reads after "V/v" or inside a sentence: a first word written as an ordinary
    /// capitalised word (`Gửi`, `Tham mưu`) is lowercased; one in capitals (`UBND`, `HĐND`), mixed case
    /// (`iPhone`), a single letter, or any title of a task with `title-case: keep` stays as written.
    static func inSentence(_ title: String, keep: Bool) -> String {
        guard !keep, let first = title.first, first.isUppercase, first.isLetter else { return title }
        let word = title.prefix { !$0.isWhitespace }
        let letters = word.filter(\.isLetter)
        guard letters.count >= 2, letters.dropFirst().allSatisfy(\.isLowercase) else { return title }
        return String(first).lowercased() + title.dropFirst()
    }

    /// `Căn cứ Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về …`, leaving out the parts
    /// the plan file does not give.
    static func citation(_ plan: Plan) -> String {
        var text = "Căn cứ Kế hoạch"
        if let number = plan.number { text += " số " + number }
        if let issued = plan.issued { text += " ngày " + issued.vietnamese }
        if !plan.authority.isEmpty { text += " của " + plan.authority }
        return text + " về " + plan.title
    }

    /// A due rule in words: `trước 7 ngày so với ngày tổ chức Hội nghị, thứ Sáu 19/12/2025`,
    /// `sau 15 ngày làm việc kể từ ngày ban hành Thông báo kết luận, thứ Hai 05/01/2026`, `đúng ngày tổ chức Hội nghị`.
    /// Without the event's name the day alone stands for it; nil for a zero offset without a name, which adds nothing.
    static func rule(direction: DueRule.Direction, offset: Offset, eventName: String?, eventDay: String) -> String? {
        guard offset.amount > 0 else { return eventName.map { "đúng ngày " + $0 } }
        let count = "\(offset.amount) " + (offset.unit == .workingDays ? "ngày làm việc" : "ngày")
        let event = eventName.map { "ngày \($0), \(eventDay)" } ?? eventDay
        switch direction {
        case .before: return "trước \(count) so với \(event)"
        case .after: return "sau \(count) kể từ \(event)"
        }
    }

    /// Every variable name a template can use, for documentation and for `check`.
    static let names = [
        "title", "description", "planTitle", "authority", "taskID", "planID", "kind",
        "dueDate", "dueWeekday", "dueWeekdayCapitalized", "sendDate", "sendWeekday", "sendTime",
        "scheduledDate", "scheduledWeekday", "workingDaysLeft", "workingDaysLate", "countdown",
        "isAdvance", "isDue", "isOverdue", "isEscalation", "isBeforeDue", "isDueToday", "isPastDue", "isLate",
        "departments", "departmentNames", "recipients", "recipientNames", "admins", "adminList",
        "titleInSentence", "citation", "planNumber", "planIssued", "planSigner",
        "ownDepartmentNames", "externalDepartmentNames", "isExternal", "isTentative", "replyByMail",
        "dueRule", "eventName", "eventDate", "eventWeekday", "eventTime", "eventPlace", "eventDetails",
    ]
}

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
    /// when a reminder is sent late. `isToAdmins` says every recipient is one of the plan's admins (the Office),
    /// whom the mail then does not tell to contact themselves.
    init(plan: Plan, task: PlanTask, instance: ReminderInstance, people: People, calendar: WorkingCalendar,
         now: LocalReading, isLate: Bool, replyByMail: Bool = false, isToAdmins: Bool = false) {
        let due = instance.dueDay
        let today = now.day
        let workingDaysLeft = today < due ? calendar.workingDays(from: today, to: due) : 0
        let workingDaysLate = today > due ? calendar.workingDays(from: due, to: today) : 0
        let event = task.due.event.flatMap { plan.events[$0] }
        let deadline = DeadlinePhrase(task: task, plan: plan, dueDay: due)
        var context: [String: Any] = [
            "title": task.title,
            "titleInSentence": task.titleInSentence,
            "planTitle": plan.title,
            "taskID": task.id,
            "planID": plan.id,
            "kind": instance.kind.rawValue,
            "dueDate": due.vietnamese,
            "dueWeekday": VietnameseText.weekday(due),
            "dueWeekdayCapitalized": VietnameseText.capitalized(VietnameseText.weekday(due)),
            "deadline": deadline.full,
            "deadlineShort": deadline.short,
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
            "departmentCount": people.owners.count,
            "hasOneDepartment": people.owners.count == 1,
            "recipients": people.addressees.map { ["name": $0] },
            "recipientNames": Self.join(people.addressees),
            "admins": plan.admins,
            "citation": "Căn cứ " + (plan.noticeCitation(for: task) ?? plan.citation),
            "planCitation": plan.citation,
            "isPetition": task.petition != nil,
            "isTentative": deadline.isTentative,
            "isExternal": people.own.isEmpty && !people.external.isEmpty,
            "replyByMail": replyByMail,
            "isToAdmins": isToAdmins,
        ]
        if !people.own.isEmpty { context["ownDepartmentNames"] = Self.join(people.own) }
        if !people.external.isEmpty { context["externalDepartmentNames"] = Self.join(people.external) }
        if let number = plan.number { context["planNumber"] = number }
        if let issued = plan.issued { context["planIssued"] = issued.vietnamese }
        if let signer = plan.signer { context["planSigner"] = signer }
        if let rule = deadline.rule { context["dueRule"] = rule }
        if let event, let date = event.date {
            let mark = deadline.isTentative ? " (dự kiến)" : ""
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
        }
        // Left out rather than empty: an empty string is truthy in a Mustache section and would print `()`.
        if let description = task.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            context["description"] = description
        }
        // A petition's own fields, which the default body shows in place of its description (one text that would
        // read "Nội dung: Nội dung kiến nghị: …").
        if let petition = task.petition {
            context["petitionContent"] = petition.content
            if !petition.raisedBy.isEmpty { context["petitionRaisedBy"] = petition.raisedBy }
        }
        // An occurrence of a recurring task: its period in words (`tháng 3/2027`) and its name (`2027-03`).
        if let occurrence = task.occurrence {
            context["period"] = occurrence.periodText
            context["periodID"] = occurrence.period
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
        "deadline", "deadlineShort", "departmentCount", "hasOneDepartment", "planCitation", "isPetition",
        "petitionContent", "petitionRaisedBy", "isToAdmins", "period", "periodID",
    ]
}

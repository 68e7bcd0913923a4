/// A deadline in the one form the office writes it in every subject, body and digest:
/// `chậm nhất ngày 26/12/2025 (trong thời hạn 10 ngày kể từ ngày tổ chức Hội nghị)`.
public struct DeadlinePhrase: Sendable {
    /// The due day.
    public let dueDay: LocalDate
    /// The task's rule in words, `trước 7 ngày tính đến ngày tổ chức Hội nghị`, or for an occurrence of a recurring
    /// task how often it recurs; nil for a fixed date, or for the day of an event without a name, where the date says
    /// it all.
    public let rule: String?
    /// The due day counts from a tentative event.
    public let isTentative: Bool

    /// The deadline of a task due on `dueDay`, in words from its rule and the event it counts from.
    public init(task: PlanTask, plan: Plan, dueDay: LocalDate) {
        self.dueDay = dueDay
        let event = task.due.event.flatMap { plan.events[$0] }
        isTentative = event?.isTentative == true && event?.date != nil
        if case .relative(_, let direction, let offset) = task.due, let event, let date = event.date {
            rule = Self.rule(direction: direction, offset: offset, eventName: event.name, eventDate: date)
        } else {
            // An occurrence of a recurring task: how often it recurs (`định kỳ hằng tháng`).
            rule = task.occurrence?.recurrence.unit.everyText
        }
    }

    /// `chậm nhất ngày 12/12/2025`, with ` (dự kiến)` when tentative: the form for a subject line.
    public var short: String { "chậm nhất ngày " + dueDay.vietnamese + (isTentative ? " (dự kiến)" : "") }

    /// `chậm nhất ngày 12/12/2025 (dự kiến, trước 7 ngày tính đến ngày tổ chức Hội nghị)`: the form for a body.
    public var full: String {
        let notes = [isTentative ? "dự kiến" : nil, rule].compactMap { $0 }
        return "chậm nhất ngày " + dueDay.vietnamese + (notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")")
    }

    /// `chậm nhất thứ Sáu, ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị)`: the body form with the
    /// weekday, for a calendar entry that stands alone.
    public var fullWithWeekday: String {
        "chậm nhất \(VietnameseText.weekday(dueDay)), ngày " + full.dropFirst("chậm nhất ngày ".count)
    }

    /// A rule in the office's words: `trong thời hạn 10 ngày kể từ ngày tổ chức Hội nghị` after an event (the form of
    /// Luật Tổ chức chính quyền địa phương, Điều 43), `trước 7 ngày tính đến ngày tổ chức Hội nghị` before one (the
    /// plan's own words), `ngày tổ chức Hội nghị` on its day. Without the event's name its date stands for it; nil
    /// for the day of an event without a name, which adds nothing to the date.
    public static func rule(direction: DueRule.Direction, offset: Offset, eventName: String?,
                     eventDate: LocalDate) -> String? {
        let day = "ngày " + (eventName ?? eventDate.vietnamese)
        guard offset.amount > 0 else { return eventName == nil ? nil : day }
        let count = "\(offset.amount) " + (offset.unit == .workingDays ? "ngày làm việc" : "ngày")
        switch direction {
        case .before: return "trước \(count) tính đến \(day)"
        case .after: return "trong thời hạn \(count) kể từ \(day)"
        }
    }
}

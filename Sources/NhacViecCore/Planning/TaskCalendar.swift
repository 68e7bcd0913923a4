import Foundation

// The deadlines of a plan as calendar entries, for `nhacviec calendar`: the model only. The RFC 5545 text is
// written by `ICalendarWriter` in NhacViecOutput; the files are written by the executable.

/// A plan's calendar, or one department's share of it: what one `.ics` file holds.
public struct TaskCalendar: Sendable, Hashable {
    /// The plan.
    public var planID: String
    /// The department whose tasks these are; nil for the whole plan.
    public var department: String?
    /// The name a calendar client shows (`X-WR-CALNAME`).
    public var name: String
    /// The plan's zone (`X-WR-TIMEZONE`), in which alarm times are meant.
    public var timeZone: String
    /// One entry per task that has a due day, in the plan's task order.
    public var entries: [CalendarEntry]

    /// `PLAN.ics`, or `PLAN.DEPARTMENT.ics`: the names people subscribe to.
    public var fileName: String { department.map { "\(planID).\($0).ics" } ?? "\(planID).ics" }
}

/// One task on its due day: an all-day event.
public struct CalendarEntry: Sendable, Hashable {
    /// Stable across exports, so that a subscribed calendar updates the event instead of duplicating it.
    public var uid: String
    /// The task.
    public var task: TaskKey
    /// The task's title.
    public var title: String
    /// The day the event covers.
    public var dueDay: LocalDate
    /// The due day depends on an event whose date is tentative (dự kiến).
    public var isTentative: Bool
    /// Done: by the department's own mark in a department's calendar, by every owner in the plan's.
    public var isDone: Bool
    /// Plain text, lines separated by `\n`.
    public var description: String
    /// `CATEGORIES`.
    public var categories: [String]
    /// One per advance reminder; none once the task is done.
    public var alarms: [CalendarAlarm]
}

/// An advance reminder as an alarm, relative to the start of the due day (00:00 local).
public struct CalendarAlarm: Sendable, Hashable {
    /// The day the reminder mail goes out.
    public var day: LocalDate
    /// How long before the start of the due day the alarm fires, in minutes (always > 0): whole days back to the
    /// reminder's day, less the plan's `send-at` time, so that working-day offsets come out exact.
    public var minutesBeforeStart: Int
    /// What the alarm says.
    public var description: String
}

/// Builds calendars from plans, the working-day calendar and the recorded completions.
public struct TaskCalendarBuilder: Sendable {
    /// The working-day calendar that places due days and reminders.
    public let calendar: WorkingCalendar
    /// Whether replies by mail are on (`mail.reply-to`): then the description says how to report completion.
    public let repliesByMail: Bool

    /// When the calendars are made: a recurring task shows its occurrences due from a year before that day to a year
    /// after it (`OccurrenceWindow`), each an event of its own.
    public let now: Date?

    /// Creates a builder; without `now`, recurring tasks show no occurrences.
    public init(calendar: WorkingCalendar, repliesByMail: Bool, now: Date? = nil) {
        self.calendar = calendar
        self.repliesByMail = repliesByMail
        self.now = now
    }

    /// The plan's own calendar, then one per department, in the plan's department order.
    public func calendars(for plan: Plan, completions: [TaskKey: [Completion]]) -> [TaskCalendar] {
        [calendar(for: plan, department: nil, completions: completions)]
            + plan.departments.map { calendar(for: plan, department: $0.id, completions: completions) }
    }

    /// The calendar of the whole plan (`department` nil) or of one department: the tasks it owns.
    public func calendar(for plan: Plan, department: String?, completions: [TaskKey: [Completion]]) -> TaskCalendar {
        let planner = ReminderPlanner(calendar: calendar)
        var entries: [CalendarEntry] = []
        let window = OccurrenceWindow.days
        let today = now.map { LocalInstant.day(of: $0, zone: plan.timeZone) }
        let plan = today.map { plan.withOccurrences(dueFrom: $0.adding(days: -window), through: $0.adding(days: window),
                                                    calendar: calendar) } ?? plan
        for task in plan.tasks where department.map(task.owners.contains) ?? true {
            // A task waiting for its event has no day to show, nor has a recurring task without `today`.
            guard case .due(let dueDay) = planner.timing(of: task, in: plan) else { continue }
            let key = TaskKey(planID: plan.id, taskID: task.id)
            let recorded = plan.completions(of: task, recorded: completions[key] ?? [])
            let done = recorded.doneOwners
            let isDone = department.map(done.contains) ?? done.isComplete(owners: task.owners)
            let completion = department.map { id in recorded.last { $0.department == id } ?? recorded.last { $0.department == nil } }
                ?? recorded.last
            let isTentative = task.due.event.flatMap { plan.events[$0]?.isTentative } ?? false
            let alarms = isDone ? [] : planner.instances(of: task, in: plan).filter { $0.kind == .advance }.map { instance in
                CalendarAlarm(day: instance.day,
                              minutesBeforeStart: (dueDay.julianDay - instance.day.julianDay) * 1440
                                  - plan.sendAt.hour * 60 - plan.sendAt.minute,
                              description: "Nhắc việc: \(task.title) (hạn \(VietnameseText.weekday(dueDay)) \(dueDay.vietnamese))")
            }
            var categories: [String] = []
            if isTentative { categories.append("Dự kiến") }
            if isDone { categories.append("Hoàn thành") }
            entries.append(CalendarEntry(
                uid: Self.uid(plan: plan.id, task: task.id, department: department), task: key,
                title: task.title, dueDay: dueDay, isTentative: isTentative, isDone: isDone,
                description: description(of: task, in: plan, dueDay: dueDay, department: department, done: done,
                                         isDone: isDone, completion: isDone ? completion : nil),
                categories: categories, alarms: alarms))
        }
        let name = department.flatMap { plan.department($0)?.name }.map { "\($0): \(plan.title)" } ?? plan.title
        return TaskCalendar(planID: plan.id, department: department, name: name, timeZone: plan.timeZone.identifier, entries: entries)
    }

    /// `PLAN/TASK@nhacviec`, or `PLAN/TASK/DEPARTMENT@nhacviec` in a department's calendar: ids never hold `/`, so
    /// the parts cannot run together, and nothing in it changes when a date or the mail settings do.
    public static func uid(plan: String, task: String, department: String?) -> String {
        "\(plan)/\(task)\(department.map { "/\($0)" } ?? "")@nhacviec"
    }

    /// Why the due day is not the rule's own day, when a shift moved it off a day off: `thứ Bảy 13/12/2025 không
    /// phải ngày làm việc nên chuyển lên ngày làm việc trước đó`; nil when it did not move.
    public func shiftInWords(_ task: PlanTask, in plan: Plan, dueDay: LocalDate) -> String? {
        let raw: LocalDate
        switch task.due {
        case .absolute(let date):
            raw = task.occurrence?.occurrence.nominal ?? date
        case .relative(let event, let direction, let offset):
            guard let base = plan.events[event]?.date else { return nil }
            raw = calendar.move(base, by: offset, forward: direction == .after)
        case .recurring:
            return nil  // the rule as a whole has no one day; each occurrence does
        }
        guard raw != dueDay else { return nil }
        return "\(VietnameseText.weekday(raw)) \(raw.vietnamese) không phải ngày làm việc nên "
            + (dueDay < raw ? "chuyển lên" : "chuyển sang") + " ngày làm việc \(dueDay < raw ? "trước" : "sau") đó"
    }

    private func description(of task: PlanTask, in plan: Plan, dueDay: LocalDate, department: String?, done: DoneOwners,
                             isDone: Bool, completion: Completion?) -> String {
        var lines: [String] = []
        let names = task.owners.map { id in
            let name = plan.department(id)?.name ?? id
            return done.contains(id) && department == nil && task.owners.count > 1 ? "\(name) (đã hoàn thành)" : name
        }
        if let department, let name = plan.department(department)?.name {
            lines.append("Đơn vị: \(name)")
            let others = task.owners.filter { $0 != department }.map { plan.department($0)?.name ?? $0 }
            if !others.isEmpty { lines.append("Cùng thực hiện: \(others.joined(separator: "; "))") }
        } else {
            lines.append("Đơn vị thực hiện: \(names.joined(separator: "; "))")
        }
        // The deadline in the one form every mail gives it (Nghị định 30/2020/NĐ-CP), then why its day moved, if it did.
        var deadline = "Hạn: \(DeadlinePhrase(task: task, plan: plan, dueDay: dueDay).fullWithWeekday)"
        if let moved = shiftInWords(task, in: plan, dueDay: dueDay) { deadline += "; \(moved)" }
        lines.append(deadline)
        if let event = task.due.event, plan.events[event]?.isTentative == true {
            lines.append("Ngày của \(event) là ngày dự kiến: hạn này có thể thay đổi.")
        }
        if let text = task.description?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty { lines.append(text) }
        lines.append("Kế hoạch: \(plan.title)\(plan.authority.isEmpty ? "" : " (\(plan.authority))")")
        if isDone {
            var line = "Đã hoàn thành"
            if let completion {
                line += " ngày \(LocalInstant.day(of: completion.doneAt, zone: plan.timeZone).vietnamese)"
                if let by = completion.doneBy, !by.isEmpty { line += ", báo cáo bởi \(by)" }
                if let ref = completion.ref, !ref.isEmpty { line += ", văn bản số \(ref)" }
                if let note = completion.note, !note.isEmpty { line += ": \(note)" }
            }
            lines.append(line + ".")
        } else if repliesByMail {
            lines.append("Báo cáo hoàn thành: trả lời thư nhắc việc của nhiệm vụ này với nội dung \"Đã hoàn thành\" "
                         + "(hoặc \"Đã trả lời tại văn bản số ...\").")
        }
        return lines.joined(separator: "\n")
    }
}

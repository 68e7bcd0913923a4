import NhacViecCore

/// The plan model's fields in a fixed order; `BinaryReader+Plan.swift` reads them in the same order,
/// and `PlanCache.formatVersion` changes whenever this order does.
extension BinaryWriter {
    mutating func plan(_ plan: Plan) {
        string(plan.id)
        string(plan.title)
        string(plan.authority)
        optional(plan.number) { $0.string($1) }
        optional(plan.issued) { $0.date($1) }
        optional(plan.signer) { $0.string($1) }
        string(plan.timeZone.identifier)
        time(plan.sendAt)
        array(plan.admins) { $0.string($1) }
        array(plan.events.sorted { $0.key < $1.key }) { w, entry in
            w.string(entry.key)
            w.event(entry.value)
        }
        array(plan.departments) { $0.department($1) }
        array(plan.tasks) { $0.task($1) }
        optional(plan.templates.subject) { $0.string($1) }
        optional(plan.templates.body) { $0.string($1) }
        optional(plan.digest) { $0.digest($1) }
        bool(plan.keepsTitleCase)
    }

    mutating func task(_ task: PlanTask) {
        string(task.id)
        string(task.title)
        optional(task.description) { $0.string($1) }
        array(task.owners) { $0.string($1) }
        switch task.due {
        case .absolute(let date):
            int(0)
            self.date(date)
        case .relative(let event, let direction, let by):
            int(direction == .before ? 1 : 2)
            string(event)
            offset(by)
        case .recurring(let rule):
            int(3)
            recurrence(rule)
        }
        int(task.shift.map { Shift.allCases.firstIndex(of: $0)! + 1 } ?? 0)
        array(task.remind) { $0.offset($1) }
        optional(task.overdue) { w, rule in
            w.offset(rule.every)
            w.int(rule.times)
            w.optional(rule.until) { $0.string($1) }
        }
        optional(task.escalate) { w, rule in
            w.offset(rule.after)
            w.array(rule.to) { $0.recipient($1) }
            w.optional(rule.until) { $0.string($1) }
        }
        bool(task.keepsTitleCase)
        optional(task.produces) { $0.string($1) }
        optional(task.petition) { $0.petition($1) }
    }

    mutating func petition(_ petition: Petition) {
        int(petition.number)
        string(petition.content)
        string(petition.raisedBy)
        string(petition.department)
        string(petition.due)
    }

    /// A recurring rule: the unit's and day form's numbers, then their values, the month, period and bounds.
    mutating func recurrence(_ rule: Recurrence) {
        int(RecurrenceUnit.allCases.firstIndex(of: rule.unit)!)
        switch rule.day {
        case .dayOfMonth(let day):
            int(0)
            int(day)
        case .firstWorkingDay:
            int(1)
        case .lastWorkingDay:
            int(2)
        case .weekday(let weekday, let nth):
            int(3)
            int(weekday)
            switch nth {
            case nil: int(0)
            case .number(let number)?: int(number)
            case .last?: int(6)
            }
        }
        optional(rule.month) { $0.int($1) }
        bool(rule.period == .previous)
        date(rule.from)
        date(rule.through)
    }

    mutating func department(_ department: Department) {
        string(department.id)
        string(department.name)
        array(department.emails) { $0.string($1) }
        array(department.cc) { $0.string($1) }
        bool(department.isExternal)
        optional(department.digest) { $0.digest($1) }
    }

    mutating func event(_ event: PlanEvent) {
        optional(event.date) { $0.date($1) }
        bool(event.isTentative)
        optional(event.time) { $0.time($1) }
        optional(event.place) { $0.string($1) }
        optional(event.name) { $0.string($1) }
        optional(event.number) { $0.string($1) }
    }

    mutating func digest(_ digest: DigestSettings) {
        int(digest.weekday)
        time(digest.at)
        bool(digest.advance == .drop)
    }

    mutating func recipient(_ recipient: Recipient) {
        switch recipient {
        case .department(let id):
            int(0)
            string(id)
        case .address(let address):
            int(1)
            string(address)
        }
    }

    mutating func offset(_ offset: Offset) {
        int(offset.amount)
        bool(offset.unit == .workingDays)
    }

    mutating func date(_ date: LocalDate) { int(date.julianDay) }

    mutating func time(_ time: TimeOfDay) { int(time.hour * 60 + time.minute) }

    mutating func position(_ position: SourcePosition) {
        int(position.line)
        int(position.column)
    }
}

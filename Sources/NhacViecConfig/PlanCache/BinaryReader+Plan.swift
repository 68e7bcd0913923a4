import Foundation
import NhacViecCore

/// Reads the plan model in the order `BinaryWriter+Plan.swift` writes it.
extension BinaryReader {
    mutating func plan() throws(PlanCacheError) -> Plan {
        let id = try string(), title = try string(), authority = try string()
        let number = try optional { r throws(PlanCacheError) in try r.string() }
        let issued = try optional { r throws(PlanCacheError) in try r.date() }
        let signer = try optional { r throws(PlanCacheError) in try r.string() }
        let zoneName = try string()
        guard let zone = TimeZone(identifier: zoneName) else { throw PlanCacheError(code: .stale, "time zone \(zoneName) is gone") }
        let sendAt = try time()
        let admins = try array { r throws(PlanCacheError) in try r.string() }
        let events = try array { r throws(PlanCacheError) in (try r.string(), try r.event()) }
        let departments = try array { r throws(PlanCacheError) in try r.department() }
        let tasks = try array { r throws(PlanCacheError) in try r.task() }
        let templates = MailTemplates(subject: try optional { r throws(PlanCacheError) in try r.string() },
                                      body: try optional { r throws(PlanCacheError) in try r.string() })
        let digest = try optional { r throws(PlanCacheError) in try r.digest() }
        return Plan(id: id, title: title, authority: authority, number: number, issued: issued, signer: signer, timeZone: zone,
                    sendAt: sendAt, admins: admins, events: Dictionary(events, uniquingKeysWith: { first, _ in first }),
                    departments: departments, tasks: tasks, templates: templates, digest: digest, keepsTitleCase: try bool())
    }

    mutating func task() throws(PlanCacheError) -> PlanTask {
        let id = try string(), title = try string()
        let description = try optional { r throws(PlanCacheError) in try r.string() }
        let owners = try sharedStringArray()
        let due: DueRule
        switch try tag(below: 4) {
        case 0: due = .absolute(try date())
        case 3: due = .recurring(try recurrence())
        case let direction: due = .relative(event: try string(), direction: direction == 1 ? .before : .after, offset: try offset())
        }
        let shiftTag = try tag(below: Shift.allCases.count + 1)
        let remind = try sharedOffsetArray()
        let overdue = try optional { r throws(PlanCacheError) in
            OverdueRule(every: try r.offset(), times: try r.int(), until: try r.optional { r throws(PlanCacheError) in try r.string() })
        }
        let escalate = try optional { r throws(PlanCacheError) in
            EscalationRule(after: try r.offset(), to: try r.sharedRecipientArray(),
                           until: try r.optional { r throws(PlanCacheError) in try r.string() })
        }
        return PlanTask(id: id, title: title, description: description, owners: owners, due: due,
                        shift: shiftTag == 0 ? nil : Shift.allCases[shiftTag - 1], remind: remind, overdue: overdue,
                        escalate: escalate, keepsTitleCase: try bool(),
                        produces: try optional { r throws(PlanCacheError) in try r.string() },
                        petition: try optional { r throws(PlanCacheError) in try r.petition() })
    }

    mutating func petition() throws(PlanCacheError) -> Petition {
        Petition(number: try int(), content: try string(), raisedBy: try string(), department: try string(), due: try string())
    }

    /// A recurring rule, each value checked against the ranges the plan reader allows, so that a damaged entry is
    /// refused rather than computed with.
    mutating func recurrence() throws(PlanCacheError) -> Recurrence {
        let unit = RecurrenceUnit.allCases[try tag(below: RecurrenceUnit.allCases.count)]
        let day: RecurrenceDay
        switch try tag(below: 4) {
        case 0: day = .dayOfMonth(try number(in: 1...31))
        case 1: day = .firstWorkingDay
        case 2: day = .lastWorkingDay
        default:
            let weekday = try number(in: 1...7)
            switch try tag(below: 7) {
            case 0: day = .weekday(weekday, nth: nil)
            case 6: day = .weekday(weekday, nth: .last)
            case let nth: day = .weekday(weekday, nth: .number(nth))
            }
        }
        let month = try optional { r throws(PlanCacheError) in try r.number(in: 1...max(1, unit.months)) }
        let period: Recurrence.Period = try bool() ? .previous : .current
        let from = try date(), through = try date()
        guard from <= through else {
            throw PlanCacheError(code: .corrupt, "recurrence through \(through) before from \(from)")
        }
        return Recurrence(unit: unit, day: day, month: month, period: period, from: from, through: through)
    }

    /// A whole number that must lie in `range`.
    private mutating func number(in range: ClosedRange<Int>) throws(PlanCacheError) -> Int {
        let value = try int()
        guard range.contains(value) else { throw PlanCacheError(code: .corrupt, "\(value) is outside \(range)") }
        return value
    }

    mutating func department() throws(PlanCacheError) -> Department {
        Department(id: try string(), name: try string(), emails: try array { r throws(PlanCacheError) in try r.string() },
                   cc: try array { r throws(PlanCacheError) in try r.string() }, isExternal: try bool(),
                   digest: try optional { r throws(PlanCacheError) in try r.digest() })
    }

    mutating func event() throws(PlanCacheError) -> PlanEvent {
        PlanEvent(date: try optional { r throws(PlanCacheError) in try r.date() }, isTentative: try bool(),
                  time: try optional { r throws(PlanCacheError) in try r.time() },
                  place: try optional { r throws(PlanCacheError) in try r.string() },
                  name: try optional { r throws(PlanCacheError) in try r.string() },
                  number: try optional { r throws(PlanCacheError) in try r.string() })
    }

    mutating func digest() throws(PlanCacheError) -> DigestSettings {
        DigestSettings(weekday: try int(), at: try time(), advance: try bool() ? .drop : .keep)
    }

    mutating func recipient() throws(PlanCacheError) -> Recipient {
        try tag(below: 2) == 0 ? .department(try string()) : .address(try string())
    }

    mutating func offset() throws(PlanCacheError) -> Offset {
        Offset(try int(), try bool() ? .workingDays : .days)
    }

    mutating func date() throws(PlanCacheError) -> LocalDate {
        let day = try int()
        // 1968-2100 with room to spare: what the reader accepts, and far from overflow in date arithmetic.
        guard (2_000_000...2_600_000).contains(day) else { throw PlanCacheError(code: .corrupt, "day \(day) is out of range") }
        return LocalDate(julianDay: day)
    }

    mutating func time() throws(PlanCacheError) -> TimeOfDay {
        let minutes = try int()
        guard let time = TimeOfDay(hour: minutes / 60, minute: minutes % 60), minutes >= 0 else {
            throw PlanCacheError(code: .corrupt, "\(minutes) minutes is not a time of day")
        }
        return time
    }

    mutating func position() throws(PlanCacheError) -> SourcePosition {
        SourcePosition(line: try int(), column: try int())
    }
}

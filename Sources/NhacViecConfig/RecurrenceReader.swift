import NhacViecCore

/// Reads the mapping form of a task's `due:` (`{every: month, day: 20, from: 2027-01-01}`) into a recurring rule,
/// reporting every malformed part at its key or value.
struct RecurrenceReader {
    static let keys = ["every", "day", "weekday", "nth", "month", "period", "from", "through"]
    static let units = RecurrenceUnit.allCases.map(\.rawValue)
    static let dayWords = [RecurrenceDay.firstWorkingDayWord, RecurrenceDay.lastWorkingDayWord]
    static let nthWords = ["1", "2", "3", "4", "5", "last"]

    let reader: NodeReader
    /// The calendar a rule is tried on, to tell that it has an occurrence at all.
    let calendar: WorkingCalendar

    /// The rule, or nil after reporting what is wrong with it. Every part is read even after one failed, in the
    /// order a plan writes them, so that `check` reports all of them at once.
    func read(_ node: Node) -> Recurrence? {
        // `until` is a known mistake rather than an unknown key: the word names an event in overdue and escalate.
        let fields = reader.mapping(node, "a recurring due", known: Self.keys + ["until"])
        guard case .mapping = node else { return nil }
        if fields["every"] == nil {
            reader.error(node, "a recurring due needs 'every': week, month, quarter, half-year or year")
        }
        if fields["from"] == nil {
            reader.error(node, "a recurring due needs 'from', the first day it may fall on (YYYY-MM-DD)")
        }
        let unit = fields["every"].flatMap { self.unit($0.value) }
        let month = unit.map { self.month(fields, unit: $0, node: node) }
        let day = unit.map { self.day(fields, unit: $0, node: node) }
        var valid = true
        var period = Recurrence.Period.current
        if let node = fields["period"]?.value {
            if let read = self.period(node) { period = read } else { valid = false }
        }
        let from = reader.date(fields["from"]?.value, "due from")
        var through: LocalDate?
        if let node = fields["through"]?.value {
            through = reader.date(node, "due through")
            if let from, let date = through, date < from {
                reader.error(node, "due through \(date.iso) is before from \(from.iso); both days are included")
                valid = false
            }
            valid = valid && through != nil
        }
        if let until = fields["until"] {
            reader.error(until.key, "a recurring due ends with 'through' (the last day it may fall on), not 'until', "
                         + "which names an event in overdue and escalate")
            valid = false
        }
        guard valid, let unit, let from, let month = month ?? nil, let day = day ?? nil else { return nil }
        let rule = Recurrence(unit: unit, day: day, month: month, period: period, from: from, through: through)
        guard rule.firstOccurrence(calendar: calendar) != nil else {
            reader.error(node, "due has no occurrence from \(rule.from.iso) through \(rule.through.iso)")
            return nil
        }
        return rule
    }

    private func unit(_ node: Node) -> RecurrenceUnit? {
        guard let text = reader.text(node, "due every") else { return nil }
        guard let unit = RecurrenceUnit(rawValue: text) else {
            reader.error(node, "due every must be week, month, quarter, half-year or year, not '\(text)'"
                         + KeySuggestion.hint(for: text, among: Self.units))
            return nil
        }
        return unit
    }

    private func period(_ node: Node) -> Recurrence.Period? {
        guard let text = reader.text(node, "due period") else { return nil }
        guard let period = Recurrence.Period(rawValue: text) else {
            reader.error(node, "due period must be 'current' or 'previous' (the period before the due day's), "
                         + "not '\(text)'" + KeySuggestion.hint(for: text, among: ["current", "previous"]))
            return nil
        }
        return period
    }

    /// The month within each period: required in a quarter, half-year or year, refused in a month or a week. The outer
    /// optional is nil after an error; the inner one is nil for a unit without months to choose from.
    private func month(_ fields: Fields, unit: RecurrenceUnit, node: Node) -> Int?? {
        let months = unit.months
        guard months > 1 else {
            if let field = fields["month"] {
                let hint = unit == .month ? "; for one month of each year write every: year, month: N" : ""
                reader.error(field.key, "due every: \(unit.rawValue) takes no 'month'\(hint)")
                return nil
            }
            return .some(nil)
        }
        let name = unit == .halfYear ? "half-year" : unit.rawValue
        guard let field = fields["month"] else {
            reader.error(node, "due every: \(unit.rawValue) needs 'month' (1-\(months)): the month of each \(name) "
                         + "its day falls in")
            return nil
        }
        guard let text = reader.text(field.value, "due month") else { return nil }
        guard let month = Int(text), (1...months).contains(month) else {
            reader.error(field.value, "due month must be from 1 to \(months) in a \(name) (the month within each "
                         + "\(name)), not '\(text)'")
            return nil
        }
        return .some(month)
    }

    /// `day` (1-31 or a working-day word) or `weekday` with `nth`, as the unit allows.
    private func day(_ fields: Fields, unit: RecurrenceUnit, node: Node) -> RecurrenceDay? {
        let dayField = fields["day"], weekdayField = fields["weekday"], nthField = fields["nth"]
        if let dayField, weekdayField != nil {
            reader.error(dayField.key, "due takes 'day' or 'weekday', not both")
            return nil
        }
        if unit == .week {
            if let dayField {
                reader.error(dayField.key, "due every: week takes 'weekday' (monday … sunday), not 'day'")
            }
            if let nthField {
                reader.error(nthField.key, "due every: week takes no 'nth': a week has one of each weekday")
            }
            guard let weekdayField else {
                if dayField == nil { reader.error(node, "due every: week needs 'weekday' (monday … sunday)") }
                return nil
            }
            let weekday = self.weekday(weekdayField.value)
            return nthField == nil ? weekday.map { .weekday($0, nth: nil) } : nil
        }
        if let dayField {
            let day = dayOfMonth(dayField.value)
            if let nthField {
                reader.error(nthField.key, "due nth needs 'weekday': nth: 1 with weekday: monday is the first Monday")
                return nil
            }
            return day
        }
        guard let weekdayField else {
            reader.error(node, "due needs 'day' (1-31, \(Self.dayWords.joined(separator: " or "))) or 'weekday' "
                         + "(monday … sunday, with nth)")
            return nil
        }
        let weekday = self.weekday(weekdayField.value)
        guard let nthField else {
            reader.error(weekdayField.key, "due weekday in a month needs 'nth' (1-5 or last): weekday: monday, nth: 1 "
                         + "is the first Monday")
            return nil
        }
        let nth = self.nth(nthField.value)
        guard let weekday, let nth else { return nil }
        return .weekday(weekday, nth: nth)
    }

    private func dayOfMonth(_ node: Node) -> RecurrenceDay? {
        guard let text = reader.text(node, "due day") else { return nil }
        switch text {
        case RecurrenceDay.firstWorkingDayWord: return .firstWorkingDay
        case RecurrenceDay.lastWorkingDayWord: return .lastWorkingDay
        default:
            if let day = Int(text), (1...31).contains(day), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                return .dayOfMonth(day)
            }
            let hint = text.first?.isNumber == true ? "" : KeySuggestion.hint(for: text, among: Self.dayWords)
            reader.error(node, "due day must be a day of the month from 1 to 31, "
                         + "\(Self.dayWords.joined(separator: " or ")), not '\(text)'\(hint)")
            return nil
        }
    }

    private func weekday(_ node: Node) -> Int? {
        guard let text = reader.text(node, "due weekday") else { return nil }
        guard let index = DigestSettings.weekdayNames.firstIndex(of: text.lowercased()) else {
            reader.error(node, "due weekday must be one of \(DigestSettings.weekdayNames.joined(separator: ", ")), "
                         + "not '\(text)'" + KeySuggestion.hint(for: text, among: DigestSettings.weekdayNames))
            return nil
        }
        return index + 1
    }

    private func nth(_ node: Node) -> RecurrenceDay.Ordinal? {
        guard let text = reader.text(node, "due nth") else { return nil }
        switch text {
        case "last": return .last
        case "1", "2", "3", "4", "5": return .number(Int(text)!)
        default:
            reader.error(node, "due nth must be 1, 2, 3, 4, 5 or last, not '\(text)'")
            return nil
        }
    }
}

// The day arithmetic of a recurring rule: pure functions of the rule, an index or a day, and the working-day calendar,
// cheap enough to call for each occurrence a scheduler needs, so that no occurrence is ever stored.
//
// Nominal days rise strictly with the index (each lies inside its own period), and each shift is monotonic, so due
// days never decrease from one occurrence to the next: a window of days maps onto a run of consecutive occurrences.

extension Recurrence {
    /// How many periods the occurrence's name lags the period of its nominal day: 1 for `period: previous`.
    private var lag: Int { period == .previous ? 1 : 0 }

    /// The nominal day of the occurrence named by period `index`, whether or not `from` and `through` admit it; nil
    /// when that period has no such day (a fifth Monday).
    public func nominalDay(ofPeriod index: Int, calendar: WorkingCalendar) -> LocalDate? {
        let target = index + lag
        switch unit {
        case .week:
            return day.day(inWeekOf: unit.firstDay(ofPeriod: target))
        case .month, .quarter, .halfYear, .year:
            let (year, month) = unit.month((self.month ?? 1) - 1, ofPeriod: target)
            return day.day(inMonth: month, of: year, calendar: calendar)
        }
    }

    /// The occurrence named by period `index`, or nil when that period has none between `from` and `through`.
    public func occurrence(index: Int, calendar: WorkingCalendar) -> Occurrence? {
        guard let nominal = nominalDay(ofPeriod: index, calendar: calendar), nominal >= from, nominal <= through else {
            return nil
        }
        return Occurrence(unit: unit, index: index, nominal: nominal)
    }

    /// The occurrence whose name is `name` (`2027-03`, `2027-W12`), or nil when the rule has none by that name.
    public func occurrence(named name: String, calendar: WorkingCalendar) -> Occurrence? {
        unit.periodIndex(named: name).flatMap { occurrence(index: $0, calendar: calendar) }
    }

    /// The occurrence named by the period that contains `day` (for `period: previous`, the one reporting on that
    /// period, due in the next), or nil when the rule has none for it.
    public func occurrence(forPeriodContaining day: LocalDate, calendar: WorkingCalendar) -> Occurrence? {
        occurrence(index: unit.periodIndex(containing: day), calendar: calendar)
    }

    /// The first occurrence, the first whose nominal day is on or after `from`.
    public func firstOccurrence(calendar: WorkingCalendar) -> Occurrence? {
        occurrence(onOrAfter: from, calendar: calendar)
    }

    /// The last occurrence, the last whose nominal day is on or before `through`.
    public func lastOccurrence(calendar: WorkingCalendar) -> Occurrence? {
        occurrence(onOrBefore: through, calendar: calendar)
    }

    /// The first occurrence whose nominal day is on or after `day`.
    public func occurrence(onOrAfter day: LocalDate, calendar: WorkingCalendar) -> Occurrence? {
        let start = max(day, from)
        guard start <= through else { return nil }
        let last = unit.periodIndex(containing: through) - lag
        // The period holding `start` is the first that can; only a period without the day (no fifth Monday) is passed.
        var index = unit.periodIndex(containing: start) - lag
        while index <= last {
            if let nominal = nominalDay(ofPeriod: index, calendar: calendar), nominal >= start {
                return nominal <= through ? Occurrence(unit: unit, index: index, nominal: nominal) : nil
            }
            index += 1
        }
        return nil
    }

    /// The last occurrence whose nominal day is on or before `day`.
    public func occurrence(onOrBefore day: LocalDate, calendar: WorkingCalendar) -> Occurrence? {
        let end = min(day, through)
        guard end >= from else { return nil }
        let first = unit.periodIndex(containing: from) - lag
        var index = unit.periodIndex(containing: end) - lag
        while index >= first {
            if let nominal = nominalDay(ofPeriod: index, calendar: calendar), nominal <= end {
                return nominal >= from ? Occurrence(unit: unit, index: index, nominal: nominal) : nil
            }
            index -= 1
        }
        return nil
    }

    /// The occurrence after `occurrence`, if any.
    public func occurrence(after occurrence: Occurrence, calendar: WorkingCalendar) -> Occurrence? {
        self.occurrence(onOrAfter: occurrence.nominal.adding(days: 1), calendar: calendar)
    }

    /// The occurrence before `occurrence`, if any.
    public func occurrence(before occurrence: Occurrence, calendar: WorkingCalendar) -> Occurrence? {
        self.occurrence(onOrBefore: occurrence.nominal.adding(days: -1), calendar: calendar)
    }

    /// Every occurrence whose nominal day lies between two days, both included, in order.
    public func occurrences(nominalFrom start: LocalDate, through end: LocalDate,
                            calendar: WorkingCalendar) -> [Occurrence] {
        var result: [Occurrence] = []
        var next = occurrence(onOrAfter: start, calendar: calendar)
        while let found = next, found.nominal <= end {
            result.append(found)
            next = occurrence(after: found, calendar: calendar)
        }
        return result
    }

    /// The day an occurrence is due: its nominal day, moved to the nearest working day after (`later`) or before
    /// (`earlier`) when it is a day off; nil when `skip` drops it for falling on a day off.
    public func dueDay(of occurrence: Occurrence, shift: Shift, calendar: WorkingCalendar) -> LocalDate? {
        let nominal = occurrence.nominal
        switch shift {
        case .none: return nominal
        case .later: return calendar.workingDay(from: nominal, movingForward: true)
        case .earlier: return calendar.workingDay(from: nominal, movingForward: false)
        case .skip: return calendar.isWorkingDay(nominal) ? nominal : nil
        }
    }

    /// Every occurrence due between two days, both included, in order, with its due day; skipped ones are left out.
    public func occurrences(dueFrom start: LocalDate, through end: LocalDate, shift: Shift,
                            calendar: WorkingCalendar) -> [DueOccurrence] {
        guard start <= end else { return [] }
        var first = occurrence(onOrAfter: start, calendar: calendar)
        if shift == .later {
            // A later shift carries occurrences nominally before the window into it: walk back over them.
            var earlier = occurrence(onOrBefore: (first?.nominal ?? start).adding(days: -1), calendar: calendar)
            while let candidate = earlier, calendar.workingDay(from: candidate.nominal, movingForward: true) >= start {
                first = candidate
                earlier = occurrence(before: candidate, calendar: calendar)
            }
        }
        var result: [DueOccurrence] = []
        var next = first
        while let found = next {
            // Only an earlier shift can bring an occurrence nominally after the window into it.
            if shift != .earlier && found.nominal > end { break }
            let due = dueDay(of: found, shift: shift, calendar: calendar)
            if let due {
                if due > end { break }
                if due >= start { result.append(DueOccurrence(occurrence: found, dueDay: due)) }
            }
            next = occurrence(after: found, calendar: calendar)
        }
        return result
    }
}

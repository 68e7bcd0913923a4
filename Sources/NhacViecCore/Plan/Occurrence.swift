/// One occurrence of a recurring task: the period it is named by and reports on, and its nominal day (before the task's
/// shift).
///
/// Its name, `period`, goes into every key of the occurrence (ledger rows, marks, Message-IDs); nothing else of it is
/// stored, since the rule computes it again from `index`.
public struct Occurrence: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The unit of the rule it belongs to, which names its period.
    public let unit: RecurrenceUnit
    /// The index of the period it is named by (`RecurrenceUnit.periodIndex(containing:)`).
    public let index: Int
    /// The day the rule puts it on, before any shift: inside `from` and `through`.
    public let nominal: LocalDate

    /// Creates an occurrence; `Recurrence.occurrence(index:calendar:)` makes the ones of a rule.
    public init(unit: RecurrenceUnit, index: Int, nominal: LocalDate) {
        self.unit = unit
        self.index = index
        self.nominal = nominal
    }

    /// The period's name, its key: `2027-03`, `2027-Q1`, `2027-H1`, `2027`, `2027-W12`.
    public var period: String { unit.name(ofPeriod: index) }

    /// The period in Vietnamese words for the mail's `{{period}}`: `tháng 3/2027`, `quý I/2027`,
    /// `6 tháng đầu năm 2027`, `năm 2027`, `tuần 12/2027`.
    public var periodText: String { unit.text(ofPeriod: index) }

    /// The period's name.
    public var description: String { period }

    /// Earlier periods first; occurrences of one rule never share an index.
    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool { lhs.index < rhs.index }
}

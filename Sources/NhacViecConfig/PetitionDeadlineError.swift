/// Why a petition's deadline cell cannot be used, told in Vietnamese to the office that typed it.
public struct PetitionDeadlineError: Error, Sendable, Hashable {
    /// The kind of problem.
    public enum Code: String, Sendable, Hashable {
        /// The cell is empty.
        case empty
        /// Not a form the import knows.
        case malformed
        /// A date that does not exist (30/02/2026, 15/13/2026).
        case impossibleDate
        /// A date outside the years whose holidays are known.
        case outsideYears
        /// `EVENT + OFFSET` with an event the plan does not have.
        case undefinedEvent
        /// `EVENT + OFFSET` with an offset that is not `10d` or `15wd`, or a count of days too large.
        case badOffset
        /// A count of days, and the plan has no Conclusion Notice event to count it from.
        case noConclusionEvent
        /// A count of days, and several events of the plan are named after the Conclusion Notice.
        case ambiguousConclusionEvent
        /// A count of days from something other than the Conclusion Notice ("kể từ ngày nhận đơn").
        case otherStartingPoint
    }

    /// The kind of problem.
    public var code: Code
    /// What is wrong and how to write it instead, in Vietnamese.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}

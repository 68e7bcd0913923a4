/// A count of calendar days (`7d`) or of working days (`15wd`).
public struct Offset: Hashable, Sendable, CustomStringConvertible {
    /// What an offset counts.
    public enum Unit: String, Sendable {
        /// Calendar days.
        case days = "d"
        /// Working days, as the working-day calendar defines them.
        case workingDays = "wd"
    }

    /// How many units; never negative.
    public let amount: Int
    /// The unit counted.
    public let unit: Unit

    /// Creates an offset.
    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `7d` or `15wd`; nil for anything else.
    public init?(text: String) {
        var bytes = Array(text.utf8)
        guard bytes.last == 100 else { return nil }  // "d"
        bytes.removeLast()
        var unit = Unit.days
        if bytes.last == 119 {  // "w"
            unit = .workingDays
            bytes.removeLast()
        }
        guard !bytes.isEmpty, bytes.count <= 4, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.init(bytes.reduce(0) { $0 * 10 + Int($1 - 48) }, unit)
    }

    /// The text form, e.g. `15wd`.
    public var description: String { "\(amount)\(unit.rawValue)" }
}

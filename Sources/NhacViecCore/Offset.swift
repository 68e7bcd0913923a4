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
        let unit: Unit
        let digits: Substring
        if text.hasSuffix("wd") {
            unit = .workingDays
            digits = text.dropLast(2)
        } else if text.hasSuffix("d") {
            unit = .days
            digits = text.dropLast()
        } else {
            return nil
        }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits) else { return nil }
        self.init(n, unit)
    }

    /// The text form, e.g. `15wd`.
    public var description: String { "\(amount)\(unit.rawValue)" }
}

import NhacViecCore

/// Parses `due:` texts: `2025-12-31`, `conference`, `conference - 7d`, `conclusion + 15wd`.
///
/// Public so that the due-rule fuzzer (fuzz/) can drive it without a YAML file around it.
public enum DueRuleParser {
    /// Why a `due:` text is not a rule; the task reader turns each into a positioned message.
    public enum Failure: Error, Equatable {
        /// Neither a date, an event, nor an event with a sign and an offset.
        case malformed
        /// Starts with a digit but is not a `YYYY-MM-DD` date that exists.
        case badDate
        /// An event and a sign followed by something that is not `7d` or `15wd`.
        case badOffset(String)
    }

    /// The rule a `due:` text states, or why it states none.
    public static func parse(_ text: String) -> Result<DueRule, Failure> {
        let trimmed = Self.trimmed(text)
        if let date = LocalDate(iso: trimmed) { return .success(.absolute(date)) }
        if trimmed.first?.isNumber == true { return .failure(.badDate) }
        let tokens = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        switch tokens.count {
        case 1:
            if let split = splitCompact(trimmed) { return split }
            return Identifier.isValid(trimmed) ? .success(.relative(event: trimmed, direction: .after, offset: Offset(0, .days)))
                : .failure(.malformed)
        case 3:
            guard Identifier.isValid(tokens[0]), let direction = direction(tokens[1]) else { return .failure(.malformed) }
            guard let offset = Offset(text: tokens[2]) else { return .failure(.badOffset(tokens[2])) }
            return .success(.relative(event: tokens[0], direction: direction, offset: offset))
        default:
            return .failure(.malformed)
        }
    }

    /// The text without leading and trailing spaces or tabs.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { $0 != 32 && $0 != 9 }),
              let last = utf8.lastIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        if first == utf8.startIndex && last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    /// `conference-7d` without spaces: the last sign followed by a valid offset splits it.
    private static func splitCompact(_ text: String) -> Result<DueRule, Failure>? {
        guard let signIndex = text.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let event = String(text[..<signIndex]), rest = String(text[text.index(after: signIndex)...])
        guard let offset = Offset(text: rest), Identifier.isValid(event) else { return nil }
        return .success(.relative(event: event, direction: text[signIndex] == "+" ? .after : .before, offset: offset))
    }

    private static func direction(_ token: String) -> DueRule.Direction? {
        switch token {
        case "+": return .after
        case "-", "−", "–": return .before
        default: return nil
        }
    }
}

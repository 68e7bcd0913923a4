import NhacViecCore

extension NodeReader {
    /// A `shift` value. `skip` drops occurrences, so it is refused where there are none (`recurring` false), with
    /// `whyNoSkip` saying why.
    func shift(_ node: Node, recurring: Bool, whyNoSkip: String) -> Shift? {
        guard let text = text(node, "shift") else { return nil }
        let allowed = recurring ? Shift.allCases : Shift.allCases.filter { $0 != .skip }
        if let shift = Shift(rawValue: text), allowed.contains(shift) { return shift }
        if text == Shift.skip.rawValue {
            error(node, "shift 'skip' drops an occurrence whose day is a day off; \(whyNoSkip): use 'earlier', 'later' "
                  + "or 'none'")
        } else {
            let names = recurring ? "'earlier', 'later', 'none' or 'skip'" : "'earlier', 'later' or 'none'"
            error(node, "shift must be \(names), not '\(text)'"
                  + KeySuggestion.hint(for: text, among: allowed.map(\.rawValue)))
        }
        return nil
    }
}

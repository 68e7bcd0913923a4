import NhacViecCore

/// Reads the `events` section: `name: DATE`, `name: tbd`, or the long form with date, tentative, time, place, name
/// and number.
struct EventReader {
    static let keys = ["date", "tentative", "time", "place", "name", "number"]

    let reader: NodeReader

    /// The events by name, and where each name is written, for warnings that point at it.
    func read(_ node: Node?) -> (events: [String: PlanEvent], marks: [String: SourcePosition]) {
        var events: [String: PlanEvent] = [:]
        var marks: [String: SourcePosition] = [:]
        for entry in reader.entries(node, "'events'") {
            guard Identifier.isValid(entry.name) else {
                reader.error(entry.key, "event name '\(entry.name)' is not valid: \(Identifier.rule)")
                continue
            }
            let what = "event '\(entry.name)'"
            let event: PlanEvent?
            if case .mapping = entry.value { event = longForm(entry.value, what) } else {
                event = reader.text(entry.value, what).flatMap { date($0, entry.value, what) }
            }
            guard let event else { continue }
            events[entry.name] = event
            marks[entry.name] = SourcePosition(entry.key.mark)
        }
        return (events, marks)
    }

    /// `{date: 2025-12-19, tentative: true, time: "14:00", place: "..."}`, in flow or block style.
    private func longForm(_ node: Node, _ what: String) -> PlanEvent? {
        let fields = reader.mapping(node, what, known: Self.keys)
        guard let dateNode = fields["date"]?.value else {
            reader.error(node, "\(what) is missing 'date' (YYYY-MM-DD or tbd)")
            return nil
        }
        guard let text = reader.text(dateNode, "\(what) date"), var event = date(text, dateNode, what) else { return nil }
        if let node = fields["tentative"]?.value, let flag = reader.text(node, "\(what) tentative") {
            switch flag {
            case "true": event.isTentative = true
            case "false": event.isTentative = false
            default: reader.error(node, "\(what) tentative must be true or false, not '\(flag)'")
            }
            if event.isTentative && event.date == nil {
                reader.error(node, "\(what) cannot be tentative while its date is tbd: give a provisional date, or drop 'tentative'")
                event.isTentative = false
            }
        }
        if let node = fields["time"]?.value, let text = reader.text(node, "\(what) time") {
            event.time = TimeOfDay(text: text)
            if event.time == nil {
                reader.error(node, "\(what) time must be a time of day written HH:MM (24-hour, quoted), not '\(text)'")
            }
        }
        event.place = reader.headerText(fields["place"]?.value, "\(what) place")
        event.name = reader.name(fields["name"]?.value, "\(what) name")
        if let node = fields["number"]?.value, let text = reader.headerText(node, "\(what) number") {
            if PlanNumber.isValid(text) { event.number = text } else {
                reader.error(node, "\(what) number must be the document's number and symbol (số, ký hiệu) like 45/TB-UBND, "
                             + "not '\(text.debugDescriptionWithoutQuotes)'")
            }
        }
        return event
    }

    private func date(_ text: String, _ node: Node, _ what: String) -> PlanEvent? {
        if text.lowercased() == "tbd" { return .tbd }
        return reader.checkedDate(text, node, what).map { PlanEvent(date: $0) }
    }
}

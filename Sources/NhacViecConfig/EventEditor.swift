import NhacViecCore

/// Changes one event's date in a plan file's text, in place: every other byte, comments and layout included,
/// stays as it was. It works on the positions libyaml reports for the event's value, never re-serialises YAML.
public struct EventEditor: Sendable {
    /// The new state of the event.
    public struct Change: Sendable, Hashable {
        /// The new date, or nil for `tbd`.
        public var date: LocalDate?
        /// Whether the new date is provisional (dự kiến).
        public var isTentative: Bool

        /// Creates a change.
        public init(date: LocalDate?, isTentative: Bool = false) {
            self.date = date
            self.isTentative = isTentative
        }
    }

    /// The edited file.
    public struct Edit: Sendable, Hashable {
        /// The plan file's path, as given.
        public var file: String
        /// Its whole new text.
        public var text: String
        /// The event's date as it was written before (`2025-12-19`, `tbd`).
        public var previousDate: String
        /// Whether it was marked tentative before.
        public var wasTentative: Bool
    }

    /// The plan files, path and text, in the order the loader reads them.
    public let files: [(path: String, text: String)]

    /// Creates an editor over the plan files.
    public init(files: [(path: String, text: String)]) {
        self.files = files
    }

    /// The text of the plan's file with the event changed.
    public func edit(plan: String, event: String, to change: Change) throws(EventEditError) -> Edit {
        if change.isTentative && change.date == nil {
            throw EventEditError(code: .tentativeWithoutDate,
                                 description: "a tentative date needs a date: 'tbd' cannot be tentative")
        }
        let (file, root) = try planFile(plan)
        let value = try eventValue(root, plan: plan, event: event)
        var text = EditableText(file.text)
        let previous: (date: String, tentative: Bool)
        switch value {
        case .scalar(let scalar):
            previous = (scalar.string, false)
            text.replace(scalar, with: change.isTentative ? "{date: \(Self.value(change.date)), tentative: true}"
                                                         : text.requoted(scalar, Self.value(change.date)))
        case .mapping(let mapping):
            previous = try LongFormEdit(mapping: mapping, change: change).apply(to: &text)
        case .sequence:
            throw EventEditError(code: .unreadable, description: "event '\(event)' of plan '\(plan)' is a list; it must be a date, tbd or a mapping")
        }
        return Edit(file: file.path, text: text.string, previousDate: previous.date, wasTentative: previous.tentative)
    }

    static func value(_ date: LocalDate?) -> String { date?.iso ?? "tbd" }

    private func planFile(_ id: String) throws(EventEditError) -> (file: (path: String, text: String), root: Node.Mapping) {
        var ids: [String] = []
        for file in files {
            guard case .mapping(let root)? = try? YAMLTree.parse(file.text),
                  case .mapping(let header)? = root.value(forKey: "plan"),
                  let found = header.value(forKey: "id")?.scalar?.string else { continue }
            if found == id { return (file, root) }
            ids.append(found)
        }
        let known = ids.isEmpty ? "no plans are configured" : "plans: \(ids.sorted().joined(separator: ", "))"
        throw EventEditError(code: .unknownPlan, description: "no plan '\(id)'\(KeySuggestion.hint(for: id, among: ids)) (\(known))")
    }

    private func eventValue(_ root: Node.Mapping, plan: String, event: String) throws(EventEditError) -> Node {
        var names: [String] = []
        if case .mapping(let events)? = root.value(forKey: "events") {
            if let value = events.value(forKey: event) { return value }
            names = events.compactMap { $0.key.scalar?.string }
        }
        let known = names.isEmpty ? "it has no events" : "events: \(names.sorted().joined(separator: ", "))"
        throw EventEditError(code: .unknownEvent,
                             description: "plan '\(plan)' has no event '\(event)'\(KeySuggestion.hint(for: event, among: names)) (\(known))")
    }
}

/// The `date` and `tentative` keys of a long-form event, changed in place.
private struct LongFormEdit {
    let mapping: Node.Mapping
    let change: EventEditor.Change

    func apply(to text: inout EditableText) throws(EventEditError) -> (date: String, tentative: Bool) {
        let date = mapping.pairs.first { $0.key.scalar?.string == "date" }
        let tentative = mapping.pairs.first { $0.key.scalar?.string == "tentative" }
        guard let dateValue = date?.value.scalar, let dateKey = date?.key else {
            throw EventEditError(code: .unreadable, description: "the event has no 'date: YYYY-MM-DD' to change (line \(mapping.mark.line))")
        }
        let wasTentative = tentative?.value.scalar?.string == "true"
        // Replacements and insertions are collected first and applied from the end, so positions stay valid.
        text.replace(dateValue, with: text.requoted(dateValue, EventEditor.value(change.date)))
        if let tentativeValue = tentative?.value.scalar {
            if wasTentative != change.isTentative { text.replace(tentativeValue, with: change.isTentative ? "true" : "false") }
        } else if change.isTentative {
            text.insertPair("tentative: true", after: dateKey, value: dateValue, flow: text.isFlow(mapping))
        }
        return (dateValue.string, wasTentative)
    }
}

import Foundation

/// One line of the schedule preview: a reminder instance, or a task waiting for an event.
public struct PreviewEntry: Sendable, Hashable {
    /// The instance, when the task has a due day.
    public var instance: ReminderInstance?
    /// The plan's id.
    public var planID: String
    /// The task's id.
    public var taskID: String
    /// The event a waiting task waits for.
    public var waitingFor: String?
    /// Recipients.
    public var recipients: [String]
    /// The zone the instant is shown in.
    public var zone: TimeZone
}

/// What `nhacviec schedule` prints: every reminder instance in a window, in time order, then waiting tasks.
public struct SchedulePreview: Sendable {
    /// Reminder instances, in time order.
    public private(set) var reminders: [PreviewEntry] = []
    /// Tasks waiting for an event, in plan and file order.
    public private(set) var waiting: [PreviewEntry] = []

    /// Computes the preview for instances whose local day lies in `from...to` (either end open when nil).
    public init(plans: [Plan], calendar: WorkingCalendar, from: LocalDate?, to: LocalDate?) {
        let planner = ReminderPlanner(calendar: calendar)
        for plan in plans {
            let zone = TimeZone(identifier: plan.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!
            for task in plan.tasks {
                if case .waiting(let event) = planner.timing(of: task, in: plan) {
                    let to = planner.recipients(of: task.owners.map(Recipient.department), in: plan)
                    waiting.append(PreviewEntry(instance: nil, planID: plan.id, taskID: task.id, waitingFor: event, recipients: to, zone: zone))
                    continue
                }
                for instance in planner.instances(of: task, in: plan, zone: zone) {
                    if let from, instance.day < from { continue }
                    if let to, instance.day > to { continue }
                    reminders.append(PreviewEntry(instance: instance, planID: plan.id, taskID: task.id, waitingFor: nil,
                                                  recipients: instance.recipients, zone: zone))
                }
            }
        }
        reminders.sort { a, b in
            let x = a.instance!, y = b.instance!
            return (x.at, x.planID, x.taskID, x.kind.rank) < (y.at, y.planID, y.taskID, y.kind.rank)
        }
    }

    /// One JSON object per line: `plan`, `task`, `kind`, `due`, `at`, `to`; waiting tasks have `event` instead of `due` and `at`.
    public func jsonLines() -> String {
        var out = ""
        out.reserveCapacity(reminders.count * 160)
        for entry in reminders {
            let instance = entry.instance!
            out += "{\"plan\":\(JSONText.quote(entry.planID)),\"task\":\(JSONText.quote(entry.taskID)),\"kind\":\"\(instance.kind.rawValue)\""
            out += ",\"due\":\"\(instance.dueDay.iso)\",\"at\":\"\(ISOTimestamp.string(instance.at, zone: entry.zone))\""
            out += ",\"to\":\(JSONText.array(entry.recipients))}\n"
        }
        for entry in waiting {
            out += "{\"plan\":\(JSONText.quote(entry.planID)),\"task\":\(JSONText.quote(entry.taskID)),\"kind\":\"waiting\""
            out += ",\"event\":\(JSONText.quote(entry.waitingFor ?? "")),\"to\":\(JSONText.array(entry.recipients))}\n"
        }
        return out
    }

    /// An aligned table for people, then the waiting tasks.
    public func table() -> String {
        var rows = [["AT", "PLAN", "TASK", "KIND", "DUE", "TO"]]
        for entry in reminders {
            let instance = entry.instance!
            let at = ISOTimestamp.string(instance.at, zone: entry.zone)
            let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][instance.day.isoWeekday - 1]
            rows.append(["\(weekday) \(at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(at.suffix(6))", entry.planID,
                         entry.taskID, instance.kind.rawValue, instance.dueDay.iso, entry.recipients.joined(separator: ", ")])
        }
        var out = TextTable.render(rows)
        if reminders.isEmpty { out += "(no reminders in this window)\n" }
        if !waiting.isEmpty {
            out += "\nWaiting for an event date (not scheduled until it is set in the plan):\n"
            out += TextTable.render([["PLAN", "TASK", "WAITS FOR", "TO"]] + waiting.map {
                [$0.planID, $0.taskID, $0.waitingFor ?? "", $0.recipients.joined(separator: ", ")]
            })
        }
        return out
    }
}

/// Minimal JSON string encoding for the line-oriented outputs.
public enum JSONText {
    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String { "[" + items.map(quote).joined(separator: ",") + "]" }
}

/// Left-aligned columns separated by two spaces.
public enum TextTable {
    /// Renders rows, the first being the header.
    public static func render(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

import Foundation

/// What `nhacviec schedule` prints: every reminder instance in a window, in time order, then waiting tasks.
///
/// A million reminders must fit in little memory, so each is kept as a compact row; text is made
/// only while writing.
public struct SchedulePreview: Sendable {
    struct TaskInfo: Sendable {
        var planID: String
        var taskID: String
        var ownersJSON: String
        var ownersText: String
        var escalationJSON: String
        var escalationText: String
        var zone: TimeZone
    }

    struct Row: Sendable {
        var at: Double
        var task: Int32
        var day: Int32
        var dueDay: Int32
        var kind: ReminderKind
    }

    private var tasks: [TaskInfo] = []
    private var rows: [Row] = []
    private var waiting: [(task: Int32, event: String)] = []

    /// The number of reminder instances in the window.
    public var reminderCount: Int { rows.count }

    /// Computes the preview for instances whose local day lies in `from...to` (either end open when nil).
    public init(plans: [Plan], calendar: WorkingCalendar, from: LocalDate?, to: LocalDate?) {
        let planner = ReminderPlanner(calendar: calendar)
        for plan in plans {
            let zone = TimeZone(identifier: plan.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!
            for task in plan.tasks {
                let index = Int32(tasks.count)
                let owners = planner.recipients(of: task.owners.map(Recipient.department), in: plan)
                let escalation = task.escalate.map { planner.recipients(of: $0.to, in: plan) } ?? []
                tasks.append(TaskInfo(planID: plan.id, taskID: task.id, ownersJSON: JSONText.array(owners),
                                      ownersText: owners.joined(separator: ", "), escalationJSON: JSONText.array(escalation),
                                      escalationText: escalation.joined(separator: ", "), zone: zone))
                if case .waiting(let event) = planner.timing(of: task, in: plan) {
                    waiting.append((index, event))
                    continue
                }
                for instance in planner.instances(of: task, in: plan, zone: zone) {
                    if let from, instance.day < from { continue }
                    if let to, instance.day > to { continue }
                    rows.append(Row(at: instance.at.timeIntervalSince1970, task: index, day: Int32(instance.day.julianDay),
                                    dueDay: Int32(instance.dueDay.julianDay), kind: instance.kind))
                }
            }
        }
        // Ties at one instant are ordered by plan and task id: rank the tasks once rather than compare strings.
        let order = tasks.indices.sorted { (tasks[$0].planID, tasks[$0].taskID) < (tasks[$1].planID, tasks[$1].taskID) }
        var rank = [Int32](repeating: 0, count: tasks.count)
        for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        rows.sort { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.task != b.task { return rank[Int(a.task)] < rank[Int(b.task)] }
            return a.kind.rank < b.kind.rank
        }
    }

    /// Writes one JSON object per line, in chunks of UTF-8: `plan`, `task`, `kind`, `due`, `at`, `to`;
    /// waiting tasks have `event` instead of `due` and `at`.
    public func writeJSONLines(chunk: ([UInt8]) -> Void) {
        let prefixes = tasks.map { Array("{\"plan\":\(JSONText.quote($0.planID)),\"task\":\(JSONText.quote($0.taskID)),\"kind\":\"".utf8) }
        let owners = tasks.map { Array(",\"to\":\($0.ownersJSON)}\n".utf8) }
        let escalations = tasks.map { Array(",\"to\":\($0.escalationJSON)}\n".utf8) }
        var zoneIDs: [String: Int] = [:]
        let zoneOfTask = tasks.map { task -> Int in
            if let known = zoneIDs[task.zone.identifier] { return known }
            zoneIDs[task.zone.identifier] = zoneIDs.count
            return zoneIDs.count - 1
        }
        let zones = tasks.map(\.zone)
        var offsets: [Int: Int?] = [:]  // by zone and year: the offset of a zone that keeps one all year
        var out = ByteWriter(capacity: 1 << 17)
        for row in rows {
            let t = Int(row.task)
            let seconds = Int(row.at.rounded(.down))
            let year = LocalDate(julianDay: Int(row.day)).year
            let slot = zoneOfTask[t] &* 4096 &+ year
            let fixed: Int?
            if let known = offsets[slot] { fixed = known } else {
                fixed = OffsetCache.shared.fixedOffset(zone: zones[t], year: year)
                offsets[slot] = fixed
            }
            let offset = fixed ?? zones[t].secondsFromGMT(for: Date(timeIntervalSince1970: row.at))
            out.append(prefixes[t])
            out.append(row.kind.rawValue)
            out.append("\",\"due\":\"")
            out.append(date: LocalDate(julianDay: Int(row.dueDay)))
            out.append("\",\"at\":\"")
            out.append(timestamp: seconds, offset: offset)
            out.append("\"")
            out.append(row.kind == .escalation ? escalations[t] : owners[t])
            if out.bytes.count > 1 << 16 {
                chunk(out.bytes)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        for entry in waiting {
            let task = tasks[Int(entry.task)]
            out.append("{\"plan\":\(JSONText.quote(task.planID)),\"task\":\(JSONText.quote(task.taskID)),\"kind\":\"waiting\"")
            out.append(",\"event\":\(JSONText.quote(entry.event)),\"to\":\(task.ownersJSON)}\n")
        }
        if !out.bytes.isEmpty { chunk(out.bytes) }
    }

    /// All JSON lines as one string (for tests and small plans).
    public func jsonLines() -> String {
        var all: [UInt8] = []
        writeJSONLines { all += $0 }
        return String(decoding: all, as: UTF8.self)
    }

    /// An aligned table for people, then the waiting tasks.
    public func table() -> String {
        var lines = [["AT", "PLAN", "TASK", "KIND", "DUE", "TO"]]
        for row in rows {
            let task = tasks[Int(row.task)]
            let day = LocalDate(julianDay: Int(row.day))
            let at = ISOTimestamp.string(Date(timeIntervalSince1970: row.at), zone: task.zone)
            let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
            lines.append(["\(weekday) \(at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(at.suffix(6))", task.planID,
                          task.taskID, row.kind.rawValue, LocalDate(julianDay: Int(row.dueDay)).iso,
                          row.kind == .escalation ? task.escalationText : task.ownersText])
        }
        var out = TextTable.render(lines)
        if rows.isEmpty { out += "(no reminders in this window)\n" }
        if !waiting.isEmpty {
            out += "\nWaiting for an event date (not scheduled until it is set in the plan):\n"
            out += TextTable.render([["PLAN", "TASK", "WAITS FOR", "TO"]] + waiting.map {
                let task = tasks[Int($0.task)]
                return [task.planID, task.taskID, $0.event, task.ownersText]
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

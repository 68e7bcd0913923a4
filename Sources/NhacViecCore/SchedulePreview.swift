import Foundation

/// What `nhacviec schedule` prints: every reminder instance in a window, in time order, then waiting tasks.
///
/// A million reminders must fit in little memory, so each is kept as a compact row, recipient lists
/// are shared between the tasks that have the same ones, and text is made only while writing.
public struct SchedulePreview: Sendable {
    struct PlanInfo: Sendable {
        var id: String
        var zone: TimeZone
    }

    struct TaskInfo: Sendable {
        var plan: Int32
        var taskID: String
        var owners: Int32
        var escalation: Int32
    }

    struct Row: Sendable {
        var at: Double
        var task: Int32
        var day: Int32
        var dueDay: Int32
        var kind: ReminderKind
    }

    /// One plan's part, computed on its own core.
    private struct Part: Sendable {
        var tasks: [(taskID: String, owners: [String], escalation: [String])] = []
        var rows: [Row] = []
        var waiting: [(task: Int32, event: String)] = []
    }

    private var plans: [PlanInfo] = []
    private var tasks: [TaskInfo] = []
    private var recipientLists: [[String]] = []
    private var rows: [Row] = []
    private var waiting: [(task: Int32, event: String)] = []

    /// Computes the preview for instances whose local day lies in `from...to` (either end open when nil).
    public init(plans source: [Plan], calendar: WorkingCalendar, from: LocalDate?, to: LocalDate?) {
        let planner = ReminderPlanner(calendar: calendar)
        var parts = ParallelMap.map(source) { Self.part(of: $0, planner: planner, from: from, to: to) }
        var listIndex: [[String]: Int32] = [:]
        func intern(_ list: [String]) -> Int32 {
            if let known = listIndex[list] { return known }
            let index = Int32(recipientLists.count)
            recipientLists.append(list)
            listIndex[list] = index
            return index
        }
        rows.reserveCapacity(parts.reduce(0) { $0 + $1.rows.count })
        for p in parts.indices {
            let part = parts[p]
            parts[p] = Part()  // each part is freed once merged, so the rows are never held twice
            let plan = source[p]
            plans.append(PlanInfo(id: plan.id, zone: TimeZone(identifier: plan.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!))
            let base = Int32(tasks.count)
            for task in part.tasks {
                tasks.append(TaskInfo(plan: Int32(p), taskID: task.taskID, owners: intern(task.owners), escalation: intern(task.escalation)))
            }
            for var row in part.rows {
                row.task += base
                rows.append(row)
            }
            waiting += part.waiting.map { ($0.task + base, $0.event) }
        }
        // Ties at one instant are ordered by plan and task id: rank the tasks once rather than compare strings.
        let tasks = tasks, plans = plans
        let order = tasks.indices.sorted {
            let a = tasks[$0], b = tasks[$1]
            return (plans[Int(a.plan)].id, a.taskID) < (plans[Int(b.plan)].id, b.taskID)
        }
        var rank = [Int32](repeating: 0, count: tasks.count)
        for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        rows.sort { a, b in
            if a.at != b.at { return a.at < b.at }
            if a.task != b.task { return rank[Int(a.task)] < rank[Int(b.task)] }
            return a.kind.rank < b.kind.rank
        }
    }

    private static func part(of plan: Plan, planner: ReminderPlanner, from: LocalDate?, to: LocalDate?) -> Part {
        var part = Part()
        let zone = TimeZone(identifier: plan.timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!
        var lists: [[String]: [String]] = [:]  // one copy of each recipient list of the plan
        func shared(_ list: [String]) -> [String] {
            if let known = lists[list] { return known }
            lists[list] = list
            return list
        }
        for task in plan.tasks {
            let index = Int32(part.tasks.count)
            let owners = shared(planner.recipients(of: task.owners.map(Recipient.department), in: plan))
            let escalation = shared(task.escalate.map { planner.recipients(of: $0.to, in: plan) } ?? [])
            part.tasks.append((task.id, owners, escalation))
            if case .waiting(let event) = planner.timing(of: task, in: plan) {
                part.waiting.append((index, event))
                continue
            }
            for instance in planner.instances(of: task, in: plan, zone: zone) {
                if let from, instance.day < from { continue }
                if let to, instance.day > to { continue }
                part.rows.append(Row(at: instance.at.timeIntervalSince1970, task: index, day: Int32(instance.day.julianDay),
                                     dueDay: Int32(instance.dueDay.julianDay), kind: instance.kind))
            }
        }
        return part
    }

    /// Writes one JSON object per line, in chunks of UTF-8: `plan`, `task`, `kind`, `due`, `at`, `to`;
    /// waiting tasks have `event` instead of `due` and `at`. Chunks are formatted on every core, written in order.
    public func writeJSONLines(chunk: ([UInt8]) -> Void) {
        let planJSON = plans.map { JSONText.quote($0.id) }
        let prefixes = tasks.map { Array("{\"plan\":\(planJSON[Int($0.plan)]),\"task\":\(JSONText.quote($0.taskID)),\"kind\":\"".utf8) }
        let lists = recipientLists.map { Array(",\"to\":\(JSONText.array($0))}\n".utf8) }
        let batch = 20_000
        let starts = Array(stride(from: 0, to: rows.count, by: batch))
        for group in stride(from: 0, to: starts.count, by: 2) {
            let pieces = ParallelMap.map(Array(starts[group..<min(group + 2, starts.count)])) { start in
                format(rows: start..<min(start + batch, rows.count), prefixes: prefixes, lists: lists)
            }
            for piece in pieces { chunk(piece) }
        }
        var out = ByteWriter(capacity: 4096)
        for entry in waiting {
            let task = tasks[Int(entry.task)]
            out.append("{\"plan\":\(planJSON[Int(task.plan)]),\"task\":\(JSONText.quote(task.taskID)),\"kind\":\"waiting\"")
            out.append(",\"event\":\(JSONText.quote(entry.event))")
            out.append(lists[Int(task.owners)])
        }
        if !out.bytes.isEmpty { chunk(out.bytes) }
    }

    private func format(rows range: Range<Int>, prefixes: [[UInt8]], lists: [[UInt8]]) -> [UInt8] {
        let kinds = ReminderKind.allCases.map { Array("\($0.rawValue)\",\"due\":\"".utf8) }
        let atKey = Array("\",\"at\":\"".utf8)
        var offsets: [Int: Int?] = [:]  // by plan and year: the offset of a zone that keeps one all year
        var out = ByteWriter(capacity: range.count * 180)
        for row in rows[range] {
            let t = Int(row.task)
            let plan = Int(tasks[t].plan)
            let year = LocalDate(julianDay: Int(row.day)).year
            let slot = plan &* 4096 &+ year
            let fixed: Int?
            if let known = offsets[slot] { fixed = known } else {
                fixed = OffsetCache.shared.fixedOffset(zone: plans[plan].zone, year: year)
                offsets[slot] = fixed
            }
            let offset = fixed ?? plans[plan].zone.secondsFromGMT(for: Date(timeIntervalSince1970: row.at))
            out.append(prefixes[t])
            out.append(kinds[row.kind.rank])
            out.append(date: LocalDate(julianDay: Int(row.dueDay)))
            out.append(atKey)
            out.append(timestamp: Int(row.at.rounded(.down)), offset: offset)
            out.bytes.append(34)
            out.append(lists[Int(row.kind == .escalation ? tasks[t].escalation : tasks[t].owners)])
        }
        return out.bytes
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
            let plan = plans[Int(task.plan)]
            let day = LocalDate(julianDay: Int(row.day))
            let at = ISOTimestamp.string(Date(timeIntervalSince1970: row.at), zone: plan.zone)
            let weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.isoWeekday - 1]
            let list = recipientLists[Int(row.kind == .escalation ? task.escalation : task.owners)]
            lines.append(["\(weekday) \(at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(at.suffix(6))", plan.id,
                          task.taskID, row.kind.rawValue, LocalDate(julianDay: Int(row.dueDay)).iso, list.joined(separator: ", ")])
        }
        var out = TextTable.render(lines)
        if rows.isEmpty { out += "(no reminders in this window)\n" }
        if !waiting.isEmpty {
            out += "\nWaiting for an event date (not scheduled until it is set in the plan):\n"
            out += TextTable.render([["PLAN", "TASK", "WAITS FOR", "TO"]] + waiting.map {
                let task = tasks[Int($0.task)]
                return [plans[Int(task.plan)].id, task.taskID, $0.event, recipientLists[Int(task.owners)].joined(separator: ", ")]
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

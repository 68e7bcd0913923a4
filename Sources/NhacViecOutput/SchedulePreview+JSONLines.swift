import Foundation
import NhacViecCore

extension SchedulePreview {
    /// Writes one JSON object per line, in chunks of UTF-8: `plan`, `task`, `kind`, `due`, `at`, `to`;
    /// waiting tasks have `event` instead of `due` and `at`; weekly digests are `kind` `digest` with `at`, `to`
    /// (the one address), `week` and `tasks` (how many it lists), after the reminders of the same instant.
    /// Chunks are formatted on every core, written in order.
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
        for digest in digests where digest.position >= rows.count { appendDigest(digest, to: &out) }
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
        var nextDigest = digests.firstIndex { $0.position >= range.lowerBound } ?? digests.count
        for (index, row) in zip(range, rows[range]) {
            while nextDigest < digests.count && digests[nextDigest].position == index {
                appendDigest(digests[nextDigest], to: &out)
                nextDigest += 1
            }
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

    /// `{"kind":"digest","at":…,"to":["ADDRESS"],"week":"2025-W50","tasks":3}`.
    private func appendDigest(_ digest: DigestRow, to out: inout ByteWriter) {
        let at = Date(timeIntervalSince1970: digest.at)
        out.append("{\"kind\":\"digest\",\"at\":\"")
        out.append(timestamp: Int(digest.at.rounded(.down)), offset: digest.zone.secondsFromGMT(for: at))
        let week = ISOWeek(LocalDate(julianDay: Int(digest.day)))
        out.append("\",\"to\":\(JSONText.array([digest.address])),\"week\":\"\(week)\",\"tasks\":\(digest.tasks)}\n")
    }

    /// All JSON lines as one string (for tests and small plans).
    public func jsonLines() -> String {
        var all: [UInt8] = []
        writeJSONLines { all += $0 }
        return String(decoding: all, as: UTF8.self)
    }
}

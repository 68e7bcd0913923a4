import Foundation
import NhacViecCore

extension SchedulePreview {
    /// An aligned table for people, then the waiting tasks.
    public func table() -> String {
        var lines = [["AT", "PLAN", "TASK", "KIND", "DUE", "TO"]]
        var nextDigest = 0
        func digestLines(upTo position: Int) {
            while nextDigest < digests.count && digests[nextDigest].position <= position {
                let digest = digests[nextDigest]
                let at = ISOTimestamp.string(Date(timeIntervalSince1970: digest.at), zone: digest.zone)
                let day = LocalDate(julianDay: Int(digest.day))
                lines.append(["\(EnglishWeekday.abbreviation(day)) \(at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(at.suffix(6))",
                              "-", "(\(digest.tasks) task\(digest.tasks == 1 ? "" : "s"))", "digest", ISOWeek(day).description, digest.address])
                nextDigest += 1
            }
        }
        for (index, row) in rows.enumerated() {
            digestLines(upTo: index)
            let task = tasks[Int(row.task)]
            let plan = plans[Int(task.plan)]
            let day = LocalDate(julianDay: Int(row.day))
            let at = ISOTimestamp.string(Date(timeIntervalSince1970: row.at), zone: plan.zone)
            let weekday = EnglishWeekday.abbreviation(day)
            let list = recipientLists[Int(row.kind == .escalation ? task.escalation : task.owners)]
            lines.append(["\(weekday) \(at.prefix(16).replacingOccurrences(of: "T", with: " ")) \(at.suffix(6))", plan.id,
                          task.taskID, row.kind.rawValue, LocalDate(julianDay: Int(row.dueDay)).iso, list.joined(separator: ", ")])
        }
        digestLines(upTo: rows.count)
        var out = TextTable.render(lines)
        if rows.isEmpty && digests.isEmpty { out += "(no reminders in this window)\n" }
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

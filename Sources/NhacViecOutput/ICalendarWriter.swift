import Foundation
import NhacViecCore

/// Writes a `TaskCalendar` as RFC 5545 iCalendar: UTF-8, CRLF line ends, content lines folded at 75 octets
/// without splitting a UTF-8 sequence, TEXT values escaped.
///
/// Each task is an all-day `VEVENT` (`DTSTART;VALUE=DATE`, `DTEND` the next day), `TRANSP:TRANSPARENT` (and Outlook's
/// `X-MICROSOFT-CDO-BUSYSTATUS:FREE`) because a deadline does not make anyone busy. A done task keeps its `STATUS` (`CONFIRMED` or `TENTATIVE`): `CANCELLED`
/// would read as "called off", and `COMPLETED` belongs to `VTODO`. It is marked instead by a `✓ ` before the
/// summary, which every client shows, `CATEGORIES:Hoàn thành` and `X-NHACVIEC-DONE:TRUE`, and it has no alarms.
public enum ICalendarWriter {
    /// `PRODID`: also how `calendar-dir` recognises the files nhacviec wrote.
    public static let productID = "-//nhacviec//nhacviec calendar//VI"

    /// The whole calendar; `stamp` is the export time, written as `DTSTAMP` (and as Thunderbird's
    /// `X-MOZ-LASTACK`, so that a newly subscribed calendar does not pop up every alarm already past).
    public static func render(_ calendar: TaskCalendar, stamp: Date) -> String {
        let stampText = utcStamp(stamp)
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + productID,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(calendar.name),
            "X-WR-TIMEZONE:" + escape(calendar.timeZone),
            "NAME:" + escape(calendar.name),
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H",
        ]
        for entry in calendar.entries {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escape(entry.uid))
            lines.append("DTSTAMP:" + stampText)
            lines.append("DTSTART;VALUE=DATE:" + basicDate(entry.dueDay))
            lines.append("DTEND;VALUE=DATE:" + basicDate(entry.dueDay.adding(days: 1)))
            lines.append("SUMMARY:" + escape((entry.isDone ? "✓ " : "") + entry.title))
            lines.append("DESCRIPTION:" + escape(entry.description))
            lines.append("STATUS:" + (entry.isTentative ? "TENTATIVE" : "CONFIRMED"))
            lines.append("TRANSP:TRANSPARENT")
            lines.append("X-MICROSOFT-CDO-BUSYSTATUS:FREE")
            lines.append("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")
            if !entry.categories.isEmpty { lines.append("CATEGORIES:" + entry.categories.map(escape).joined(separator: ",")) }
            lines.append("X-NHACVIEC-PLAN:" + escape(entry.task.planID))
            lines.append("X-NHACVIEC-TASK:" + escape(entry.task.taskID))
            if let department = calendar.department { lines.append("X-NHACVIEC-DEPARTMENT:" + escape(department)) }
            lines.append("X-NHACVIEC-DONE:" + (entry.isDone ? "TRUE" : "FALSE"))
            if !entry.alarms.isEmpty { lines.append("X-MOZ-LASTACK:" + stampText) }
            for alarm in entry.alarms {
                lines.append("BEGIN:VALARM")
                lines.append("ACTION:DISPLAY")
                lines.append("TRIGGER:" + trigger(minutesBefore: alarm.minutesBeforeStart))
                lines.append("DESCRIPTION:" + escape(alarm.description))
                lines.append("END:VALARM")
            }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// A TEXT value: `\` `;` `,` escaped with a backslash, a line break as `\n`; other control characters, which
    /// TEXT does not allow, become spaces (tabs are kept).
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r": result += "\\n"
            case "\n": if !previousCR { result += "\\n" }
            case "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { result += " " } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// One content line with its CRLF, folded so that no physical line exceeds 75 octets (the CRLF not counted,
    /// a continuation's leading space counted) and no UTF-8 sequence is split.
    public static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 37 + 2)
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var end = start + limit
            // Back up to the first byte of a sequence: continuation bytes are 10xxxxxx.
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            output.append(contentsOf: bytes[start..<end])
            output.append(contentsOf: [13, 10, 32])
            start = end
            limit = 74
        }
        output.append(contentsOf: bytes[start...])
        output.append(contentsOf: [13, 10])
        return String(decoding: output, as: UTF8.self)
    }

    /// `-P4DT16H30M`: a negative duration, whole days then hours and minutes.
    public static func trigger(minutesBefore minutes: Int) -> String {
        let days = minutes / 1440, hours = minutes % 1440 / 60, rest = minutes % 60
        var text = "-P"
        if days > 0 { text += "\(days)D" }
        if hours > 0 || rest > 0 || days == 0 {
            text += "T"
            if hours > 0 { text += "\(hours)H" }
            if rest > 0 || hours == 0 { text += "\(rest)M" }
        }
        return text
    }

    /// `20251219`.
    public static func basicDate(_ day: LocalDate) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// `20261130T204500Z`.
    public static func utcStamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(julianDay: 2440588 + Int((Double(seconds) / 86400).rounded(.down)))
        let second = seconds - (day.julianDay - 2440588) * 86400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return basicDate(day) + "T" + two(second / 3600) + two(second % 3600 / 60) + two(second % 60) + "Z"
    }
}

import Foundation

/// ISO 8601 timestamps with a numeric UTC offset, formatted without `DateFormatter`'s cost.
public enum ISOTimestamp {
    /// `2025-12-11T07:30:00+07:00` for an instant shown in a zone.
    public static func string(_ date: Date, zone: TimeZone) -> String {
        let utcYear = LocalDate(julianDay: Int((date.timeIntervalSince1970 / 86400).rounded(.down)) + 2440588).year
        let offset = OffsetCache.shared.fixedOffset(zone: zone, year: utcYear) ?? zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(local) / 86400).rounded(.down))
        let seconds = local - days * 86400
        let day = LocalDate(julianDay: days + 2440588)
        let sign = offset < 0 ? "-" : "+"
        let absOffset = abs(offset)
        return day.iso + "T" + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
            + sign + two(absOffset / 3600) + ":" + two(absOffset / 60 % 60)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

import Foundation

/// Turns a local day and time of day in a zone into an instant, without `Calendar`'s cost.
public enum LocalInstant {
    /// The instant of `time` on `day` in `zone`; a local time skipped by a DST change moves forward.
    public static func date(day: LocalDate, time: TimeOfDay, zone: TimeZone) -> Date {
        let local = Double(localSeconds(day: day, time: time))
        if let offset = OffsetCache.shared.fixedOffset(zone: zone, year: day.year) {
            return Date(timeIntervalSince1970: local - Double(offset))
        }
        let firstOffset = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local)))
        let first = local - firstOffset
        let secondOffset = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: first)))
        if secondOffset == firstOffset { return Date(timeIntervalSince1970: first) }
        let second = local - secondOffset
        if Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: second))) == secondOffset {
            return Date(timeIntervalSince1970: second)
        }
        return Date(timeIntervalSince1970: max(first, second))
    }

    /// The local day on which an instant falls in a zone.
    public static func day(of date: Date, zone: TimeZone) -> LocalDate {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return LocalDate(julianDay: Int((local / 86400).rounded(.down)) + 2440588)
    }
}

extension LocalInstant {
    /// `time` on `day` as seconds since 1970 on a clock at UTC: the instant once the zone's offset is taken off.
    static func localSeconds(day: LocalDate, time: TimeOfDay) -> Int {
        (day.julianDay - 2440588) * 86400 + time.hour * 3600 + time.minute * 60
    }

    /// 00:00 UTC of a day.
    static func utcMidnight(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: Double((day.julianDay - 2440588) * 86400))
    }
}

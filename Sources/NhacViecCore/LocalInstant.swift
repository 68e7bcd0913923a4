import Foundation

/// Turns a local day and time of day in a zone into an instant, without `Calendar`'s cost.
public enum LocalInstant {
    /// The instant of `time` on `day` in `zone`; a local time skipped by a DST change moves forward.
    public static func date(day: LocalDate, time: TimeOfDay, zone: TimeZone) -> Date {
        let local = Double((day.julianDay - 2440588) * 86400 + time.hour * 3600 + time.minute * 60)
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

/// Remembers, per zone and year, the UTC offset of a zone that keeps one offset all year, so that
/// computing a million instants does not ask ICU three times each.
final class OffsetCache: @unchecked Sendable {
    static let shared = OffsetCache()
    private let lock = NSLock()
    private struct Key: Hashable {
        let zone: String
        let year: Int
    }

    private var offsets: [Key: Int?] = [:]

    func fixedOffset(zone: TimeZone, year: Int) -> Int? {
        let key = Key(zone: zone.identifier, year: year)
        lock.lock()
        if let known = offsets[key] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let start = LocalInstant.utcMidnight(LocalDate(year: year, month: 1, day: 1)!).addingTimeInterval(-2 * 86400)
        let end = LocalInstant.utcMidnight(LocalDate(year: year + 1, month: 1, day: 1)!).addingTimeInterval(2 * 86400)
        let steady = zone.nextDaylightSavingTimeTransition(after: start).map { $0 > end } ?? true
            && zone.secondsFromGMT(for: start) == zone.secondsFromGMT(for: end)
        let offset: Int? = steady ? zone.secondsFromGMT(for: start) : nil
        lock.lock()
        offsets[key] = offset
        lock.unlock()
        return offset
    }
}

extension LocalInstant {
    /// 00:00 UTC of a day.
    static func utcMidnight(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: Double((day.julianDay - 2440588) * 86400))
    }
}

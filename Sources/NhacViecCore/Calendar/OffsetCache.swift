import Foundation
import Synchronization

/// Remembers, per zone and year, the UTC offset of a zone that keeps one offset all year, so that
/// computing a million instants does not ask ICU three times each.
public final class OffsetCache: Sendable {
    /// The process-wide cache.
    public static let shared = OffsetCache()
    private struct Key: Hashable {
        let zone: String
        let year: Int
    }

    private let offsets = Mutex<[Key: Int?]>([:])

    /// The zone's offset in seconds if it keeps one all `year`, else nil.
    public func fixedOffset(zone: TimeZone, year: Int) -> Int? {
        let key = Key(zone: zone.identifier, year: year)
        if let known = offsets.withLock({ $0[key] }) { return known }
        let start = LocalInstant.utcMidnight(LocalDate(year: year, month: 1, day: 1)!).addingTimeInterval(-2 * 86400)
        let end = LocalInstant.utcMidnight(LocalDate(year: year + 1, month: 1, day: 1)!).addingTimeInterval(2 * 86400)
        let steady = zone.nextDaylightSavingTimeTransition(after: start).map { $0 > end } ?? true
            && zone.secondsFromGMT(for: start) == zone.secondsFromGMT(for: end)
        let offset: Int? = steady ? zone.secondsFromGMT(for: start) : nil
        offsets.withLock { $0[key] = offset }
        return offset
    }
}

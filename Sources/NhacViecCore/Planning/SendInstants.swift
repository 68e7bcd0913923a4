import Foundation

/// The instants of one plan's send time, day after day, looking the zone's offset up once per year rather
/// than once per day: a start computes one for each of millions of streams.
struct SendInstants {
    private let zone: TimeZone
    private let time: TimeOfDay
    private var year = Int.min
    private var fixedOffset: Int?

    /// Instants at `time` in `zone`.
    init(zone: TimeZone, time: TimeOfDay) {
        self.zone = zone
        self.time = time
    }

    /// Seconds since 1970 of `time` on `day`; the same as `LocalInstant.date`, which it falls back on in a
    /// year with a clock change.
    mutating func at(_ day: LocalDate) -> Double {
        let dayYear = day.year
        if dayYear != year {
            year = dayYear
            fixedOffset = OffsetCache.shared.fixedOffset(zone: zone, year: dayYear)
        }
        guard let fixedOffset else { return LocalInstant.date(day: day, time: time, zone: zone).timeIntervalSince1970 }
        return Double(LocalInstant.localSeconds(day: day, time: time) - fixedOffset)
    }
}

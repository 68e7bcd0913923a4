import Foundation
import NhacViecCore

/// An instant as a wall clock in a zone shows it, computed without `DateFormatter` so no locale can leak in.
struct LocalReading {
    /// The local day.
    let day: LocalDate
    /// The local time, to the minute.
    let time: TimeOfDay
    /// The seconds past the minute.
    let second: Int
    /// The zone's offset from UTC at that instant, in seconds.
    let offset: Int

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reads the instant in the zone.
    init(_ date: Date, zone: TimeZone) {
        offset = zone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let (days, seconds) = (local.floorDivided(by: 86400), local.floorModulo(86400))
        day = LocalDate(julianDay: days + 2440588)
        time = TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60)!
        second = seconds % 60
    }

    /// `Fri, 12 Dec 2025 07:30:00 +0700`: RFC 5322's date-time, whose names are English by definition.
    var rfc5322: String {
        let c = day.components
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(format: "%@, %d %@ %04d %02d:%02d:%02d %@%02d%02d",
                      Self.weekdays[day.isoWeekday - 1], c.day, Self.months[c.month - 1], c.year,
                      time.hour, time.minute, second, sign, minutes / 60, minutes % 60)
    }
}

private extension Int {
    func floorDivided(by divisor: Int) -> Int { (self - floorModulo(divisor)) / divisor }
    func floorModulo(_ divisor: Int) -> Int { ((self % divisor) + divisor) % divisor }
}

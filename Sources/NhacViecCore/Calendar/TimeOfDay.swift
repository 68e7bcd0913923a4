/// A local wall-clock time of day, to the minute.
public struct TimeOfDay: Hashable, Sendable, CustomStringConvertible {
    /// Hours, 0-23.
    public let hour: Int
    /// Minutes, 0-59.
    public let minute: Int

    /// Creates a time of day, or nil when out of range.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour clock).
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    /// 00:00, the start of a day.
    public static let midnight = TimeOfDay(hour: 0, minute: 0)!

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

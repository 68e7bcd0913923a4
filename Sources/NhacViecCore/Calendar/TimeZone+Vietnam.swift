import Foundation

extension TimeZone {
    /// Vietnam's zone, `Asia/Ho_Chi_Minh`: the default of every plan and the zone of dates typed on the
    /// command line. UTC+7 all year since 1975, so the fixed offset stands in should ICU's data lack the name.
    public static let vietnam = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
}

import Foundation

/// A date of the Vietnamese lunisolar calendar.
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year (the Gregorian year in which its first month begins).
    public var year: Int
    /// The month, 1-12.
    public var month: Int
    /// Whether this is the leap (nhuận) month of that number.
    public var isLeap: Bool
    /// The day, 1-30.
    public var day: Int

    /// Creates a lunar date.
    public init(year: Int, month: Int, day: Int, isLeap: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeap = isLeap
    }

    /// `d/m[ nhuận]/y`.
    public var description: String { "\(day)/\(month)\(isLeap ? " nhuận" : "")/\(year)" }
}

/// The Vietnamese lunar calendar, computed for UTC+7 with Hồ Ngọc Đức's published algorithm.
///
/// Foundation cannot be used: on Linux `.vietnamese` behaves as Gregorian and `.chinese`
/// is reckoned at UTC+8, which moves Tết or Giỗ Tổ by a day in several years.
public enum VietnameseLunar {
    /// Vietnam's offset from UTC, in hours, for which the calendar is defined.
    public static let timeZoneHours = 7.0
    private static let synodicMonth = 29.530588853
    private static let epoch = 2415021.076998695

    /// Converts a Gregorian date to its lunar date.
    public static func lunarDate(of date: LocalDate) -> LunarDate {
        let dayNumber = date.julianDay
        let k = floorInt((Double(dayNumber) - epoch) / synodicMonth)
        var monthStart = newMoonDay(k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(k) }
        let yy = date.year
        var a11 = lunarMonth11(yy)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = yy
            a11 = lunarMonth11(yy - 1)
        } else {
            lunarYear = yy + 1
            b11 = lunarMonth11(yy + 1)
        }
        let day = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var month = diff + 11
        var leap = false
        if b11 - a11 > 365 {
            let leapDiff = leapMonthOffset(a11)
            if diff >= leapDiff {
                month = diff + 10
                leap = diff == leapDiff
            }
        }
        if month > 12 { month -= 12 }
        if month >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(year: lunarYear, month: month, day: day, isLeap: leap)
    }

    /// Converts a lunar date to its Gregorian date, or nil when that leap month does not exist.
    public static func gregorianDate(of lunar: LunarDate) -> LocalDate? {
        let a11: Int, b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(lunar.year - 1)
            b11 = lunarMonth11(lunar.year)
        } else {
            a11 = lunarMonth11(lunar.year)
            b11 = lunarMonth11(lunar.year + 1)
        }
        var off = lunar.month - 11
        if off < 0 { off += 12 }
        if b11 - a11 > 365 {
            let leapOff = leapMonthOffset(a11)
            var leapMonth = leapOff - 2
            if leapMonth < 0 { leapMonth += 12 }
            if lunar.isLeap && lunar.month != leapMonth { return nil }
            if lunar.isLeap || off >= leapOff { off += 1 }
        } else if lunar.isLeap {
            return nil
        }
        let k = floorInt(0.5 + (Double(a11) - epoch) / synodicMonth)
        return LocalDate(julianDay: newMoonDay(k + off) + lunar.day - 1)
    }

    /// The Gregorian date of lunar new year's day (mùng 1 Tết) of a lunar year.
    public static func newYear(_ lunarYear: Int) -> LocalDate {
        gregorianDate(of: LunarDate(year: lunarYear, month: 1, day: 1))!
    }

    // MARK: - Astronomy (low-precision series from the published algorithm)

    private static func floorInt(_ x: Double) -> Int { Int(x.rounded(.down)) }

    /// The Julian day number of the local day holding the k-th new moon after 1900-01-01.
    static func newMoonDay(_ k: Int) -> Int {
        floorInt(newMoon(k) + 0.5 + timeZoneHours / 24)
    }

    private static func newMoon(_ k: Int) -> Double {
        let kd = Double(k)
        let t = kd / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        return jd1 + c1 - deltaT
    }

    /// The sun's longitude at the start of the local day, as a sector 0-11 of 30 degrees.
    static func sunLongitudeSector(_ dayNumber: Int) -> Int {
        let jdn = Double(dayNumber) - 0.5 - timeZoneHours / 24
        let t = (jdn - 2451545.0) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * (l / (Double.pi * 2)).rounded(.down)
        return floorInt(l / Double.pi * 6)
    }

    /// The first day of the lunar month 11 (the one holding the winter solstice) of a year.
    static func lunarMonth11(_ year: Int) -> Int {
        let off = Double(LocalDate(year: year, month: 12, day: 31)!.julianDay) - 2415021
        let k = floorInt(off / synodicMonth)
        var nm = newMoonDay(k)
        if sunLongitudeSector(nm) >= 9 { nm = newMoonDay(k - 1) }
        return nm
    }

    private static func leapMonthOffset(_ a11: Int) -> Int {
        let k = floorInt((Double(a11) - epoch) / synodicMonth + 0.5)
        var i = 1
        var arc = sunLongitudeSector(newMoonDay(k + i))
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(newMoonDay(k + i))
        } while arc != last && i < 14
        return i - 1
    }
}

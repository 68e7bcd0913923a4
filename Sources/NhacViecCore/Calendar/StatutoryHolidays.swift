/// The public holidays of Labour Code 2019 art. 112, computed for a year when no official schedule exists.
public enum StatutoryHolidays {
    /// The first year the computation is supported for.
    public static let firstYear = 1968
    /// The last year the computation is supported for.
    public static let lastYear = 2100

    /// The provisional weekdays off of a year, including compensation for holidays on a weekend.
    public static func provisional(year: Int) -> [Holiday] {
        var days: [(LocalDate, String)] = []
        func add(_ month: Int, _ day: Int, _ name: String) {
            days.append((LocalDate(year: year, month: month, day: day)!, name))
        }
        add(1, 1, "Tết Dương lịch")
        let tet = VietnameseLunar.newYear(year)
        days.append((tet.adding(days: -1), "Tết Nguyên đán (ngày cuối năm âm lịch)"))
        for i in 0..<4 { days.append((tet.adding(days: i), "Tết Nguyên đán (mùng \(i + 1))")) }
        if let gioTo = VietnameseLunar.gregorianDate(of: LunarDate(year: year, month: 3, day: 10)) {
            days.append((gioTo, "Giỗ Tổ Hùng Vương"))
        }
        add(4, 30, "Ngày Chiến thắng")
        add(5, 1, "Ngày Quốc tế lao động")
        add(9, 2, "Quốc khánh")
        add(9, 3, "Quốc khánh (ngày liền kề)")
        days.sort { $0.0 < $1.0 }
        return withCompensation(days)
    }

    /// Every holiday on a Saturday or Sunday gives the next free weekday off, in date order.
    private static func withCompensation(_ days: [(LocalDate, String)]) -> [Holiday] {
        var taken = Set(days.map { $0.0 })
        var result: [Holiday] = []
        for (date, name) in days {
            guard date.isWeekend else {
                result.append(Holiday(date: date, name: name, off: true, source: .provisional))
                continue
            }
            var substitute = date.adding(days: 1)
            while substitute.isWeekend || taken.contains(substitute) { substitute = substitute.adding(days: 1) }
            taken.insert(substitute)
            result.append(Holiday(date: substitute, name: "Nghỉ bù \(name)", off: true, source: .provisional))
        }
        return result.sorted { $0.date < $1.date }
    }
}

import Foundation
import NhacViecCore
import Testing
import TestSupport

/// The reference table was computed independently, from real astronomy (scripts/dev/gen-lunar-fixture.py).
struct LunarCalendarTests {
    struct MonthRow {
        var year: Int, month: Int, leap: Bool, start: LocalDate
    }

    static func rows(_ name: String) throws -> [[String]] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t").map(String.init) }
    }

    /// Two new moons fall within a minute of midnight UTC+7, where the published algorithm's
    /// low-precision series and the ephemeris disagree; both answers are defensible.
    static let newMoonsAtMidnight: Set<String> = ["2072-11", "2085-9"]

    @Test("every lunar month from 1968 to 2100 starts on the day the independent table says")
    func everyMonthStartMatchesTheReferenceTable() throws {
        let rows = try Self.rows("lunar-months-vn.tsv")
        #expect(rows.count > 1600)
        for row in rows {
            let lunar = LunarDate(year: Int(row[0])!, month: Int(row[1])!, day: 1, isLeap: row[2] == "1")
            let start = Fixtures.date(row[3])
            let computed = try #require(VietnameseLunar.gregorianDate(of: lunar), "no such month \(lunar)")
            if Self.newMoonsAtMidnight.contains("\(lunar.year)-\(lunar.month)") {
                #expect(abs(computed.julianDay - start.julianDay) == 1, "\(lunar)")
                continue
            }
            #expect(computed == start, "lunar \(lunar) starts \(computed), table says \(start)")
            #expect(VietnameseLunar.lunarDate(of: start) == lunar, "\(start) converts back")
        }
    }

    @Test("Tết and Giỗ Tổ fall on the reference days for every year from 1968 to 2100")
    func tetAndGioToMatchTheReferenceTable() throws {
        let rows = try Self.rows("lunar-holidays-vn.tsv")
        #expect(rows.count == 133)
        for row in rows {
            let year = Int(row[0])!
            #expect(VietnameseLunar.newYear(year) == Fixtures.date(row[1]), "Tết \(year)")
            #expect(VietnameseLunar.gregorianDate(of: LunarDate(year: year, month: 3, day: 10)) == Fixtures.date(row[2]),
                    "Giỗ Tổ \(year)")
        }
    }

    @Test("years where UTC+7 and UTC+8 disagree follow Vietnam", arguments: [
        ("2030-02-02", 2030, 1), ("1985-01-21", 1985, 1), ("2007-02-17", 2007, 1),
        ("2037-04-24", 2037, 3), ("2038-04-13", 2038, 3),
    ])
    func vietnamNotChina(expected: String, year: Int, month: Int) {
        let day = month == 1 ? 1 : 10
        #expect(VietnameseLunar.gregorianDate(of: LunarDate(year: year, month: month, day: day)) == Fixtures.date(expected))
    }

    @Test("a leap month that does not exist is refused")
    func missingLeapMonthIsNil() {
        #expect(VietnameseLunar.gregorianDate(of: LunarDate(year: 2026, month: 3, day: 1, isLeap: true)) == nil)
        #expect(VietnameseLunar.gregorianDate(of: LunarDate(year: 2025, month: 6, day: 1, isLeap: true)) != nil)
    }
}

import NhacViecCore
import Testing
import TestSupport

struct WorkingCalendarTests {
    let computed = WorkingCalendar()
    let official = WorkingCalendar(official: [Fixtures.official2026])

    @Test("the provisional holidays follow Labour Code art. 112", arguments: [
        ("2027-01-01", "Tết Dương lịch"),
        ("2027-02-05", "Tết Nguyên đán (ngày cuối năm âm lịch)"),  // lunar new year 2027 is 6/2
        ("2027-02-09", "Tết Nguyên đán (mùng 4)"),
        ("2027-04-16", "Giỗ Tổ Hùng Vương"),       // 10/3 âm lịch
        ("2027-04-30", "Ngày Chiến thắng"),
        ("2027-09-02", "Quốc khánh"),
        ("2027-09-03", "Quốc khánh (ngày liền kề)"),
    ])
    func provisionalHolidayNames(date: String, name: String) {
        let holiday = computed.exception(on: Fixtures.date(date))
        #expect(holiday?.name == name)
        #expect(holiday?.source == .provisional)
        #expect(!computed.isWorkingDay(Fixtures.date(date)))
    }

    @Test("a holiday on a weekend gives the next free weekday off", arguments: [
        ("2022-01-01", "2022-01-03"),  // Saturday New Year → Monday
        ("2023-04-30", "2023-05-02"),  // Sunday 30/4; Monday is 1/5 → Tuesday
        ("2027-05-01", "2027-05-03"),  // Saturday 1/5 → Monday
    ])
    func weekendHolidayIsCompensated(holiday: String, substitute: String) {
        #expect(Fixtures.date(holiday).isWeekend)
        #expect(computed.exception(on: Fixtures.date(substitute))?.name.hasPrefix("Nghỉ bù") == true)
        #expect(!computed.isWorkingDay(Fixtures.date(substitute)))
    }

    @Test("Tết spanning a weekend is compensated after the last Tết day")
    func tetOverAWeekend() {
        // Lunar new year 2028 is Wednesday 26/1: Tết days 25/1 (Tue) to 29/1 (Sat); Saturday → Monday 31/1.
        #expect(VietnameseLunar.newYear(2028) == Fixtures.date("2028-01-26"))
        #expect(!computed.isWorkingDay(Fixtures.date("2028-01-28")))
        #expect(!computed.isWorkingDay(Fixtures.date("2028-01-31")))
        #expect(computed.isWorkingDay(Fixtures.date("2028-02-01")))
    }

    @Test("an official year replaces the computed one entirely")
    func officialYearReplacesComputed() {
        #expect(official.isOfficial(year: 2026))
        #expect(!official.isWorkingDay(Fixtures.date("2026-01-02")))        // swapped day off
        #expect(official.isWorkingDay(Fixtures.date("2026-01-10")))         // make-up Saturday
        #expect(official.isWorkingDay(Fixtures.date("2026-09-03")))         // provisional rule would say off
        #expect(!computed.isWorkingDay(Fixtures.date("2026-09-03")))
        #expect(official.exception(on: Fixtures.date("2026-01-10"))?.source == .official)
    }

    @Test("working days are counted across Tết without counting the start day", arguments: [
        ("2026-02-12", 1, "2026-02-13"),
        ("2026-02-12", 2, "2026-02-23"),
        ("2026-02-12", 3, "2026-02-24"),
        ("2026-02-13", 1, "2026-02-23"),
    ])
    func countingAcrossTet(start: String, count: Int, expected: String) {
        #expect(official.adding(workingDays: count, to: Fixtures.date(start)) == Fixtures.date(expected))
        #expect(official.workingDays(from: Fixtures.date(start), to: Fixtures.date(expected)) == count)
    }

    @Test("counting backwards skips weekends and holidays")
    func countingBackwards() {
        #expect(official.adding(workingDays: 2, to: Fixtures.date("2026-02-23"), forward: false) == Fixtures.date("2026-02-12"))
        #expect(official.adding(workingDays: 1, to: Fixtures.date("2026-01-12"), forward: false) == Fixtures.date("2026-01-10"))
    }

    @Test("non-working days move to the nearest working day in the chosen direction")
    func shiftingBothWays() {
        let saturday = Fixtures.date("2026-02-14")
        #expect(official.workingDay(from: saturday, movingForward: false) == Fixtures.date("2026-02-13"))
        #expect(official.workingDay(from: saturday, movingForward: true) == Fixtures.date("2026-02-23"))
        #expect(official.workingDay(from: Fixtures.date("2026-02-23"), movingForward: true) == Fixtures.date("2026-02-23"))
    }
}

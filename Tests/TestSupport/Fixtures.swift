import Foundation
import NhacViecCore

/// Small builders shared by the test targets.
public enum Fixtures {
    /// A date from `YYYY-MM-DD`, crashing on a typo in a test.
    public static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { fatalError("bad test date \(text)") }
        return date
    }

    /// The instant `YYYY-MM-DDTHH:MM` in a zone.
    public static func instant(_ text: String, zone: String = "Asia/Ho_Chi_Minh") -> Date {
        let parts = text.split(separator: "T")
        let time = TimeOfDay(text: String(parts[1]))!
        return LocalInstant.date(day: date(String(parts[0])), time: time, zone: TimeZone(identifier: zone)!)
    }

    /// The root of the repository, found from this source file's path.
    public static func repositoryRoot(file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A department with one address `ID@example.gov.vn`.
    public static func department(_ id: String) -> Department {
        Department(id: id, name: "Phòng \(id)", emails: ["\(id)@example.gov.vn"])
    }

    /// A plan with one event and the given tasks, owned by department `vp`.
    public static func plan(id: String = "p", event: String = "2025-12-19", zone: String = "Asia/Ho_Chi_Minh",
                            tasks: [PlanTask]) -> Plan {
        Plan(id: id, title: "Kế hoạch thử", authority: "UBND phường", timeZone: TimeZone(identifier: zone)!,
             admins: ["admin@example.gov.vn"], events: ["conference": PlanEvent(date: date(event)), "conclusion": .tbd],
             departments: [department("vp"), department("lanh-dao")], tasks: tasks)
    }

    /// A task owned by `vp`.
    public static func task(_ id: String, due: DueRule, remind: [Offset] = [Offset(0, .days)],
                            overdue: OverdueRule? = nil, escalate: EscalationRule? = nil) -> PlanTask {
        PlanTask(id: id, title: "Việc \(id)", owners: ["vp"], due: due, remind: remind, overdue: overdue, escalate: escalate)
    }

    /// The official 2025 table as shipped in config/nhacviec.yaml, for tests that need it.
    public static let official2025 = OfficialYear(year: 2025, daysOff: [
        date("2025-01-01"): "Tết Dương lịch", date("2025-01-27"): "Tết", date("2025-01-28"): "Tết",
        date("2025-01-29"): "Tết", date("2025-01-30"): "Tết", date("2025-01-31"): "Tết",
        date("2025-04-07"): "Giỗ Tổ Hùng Vương", date("2025-04-30"): "30/4", date("2025-05-01"): "1/5",
        date("2025-05-02"): "Nghỉ hoán đổi", date("2025-09-01"): "Quốc khánh", date("2025-09-02"): "Quốc khánh",
    ], workingDays: [date("2025-04-26"): "Làm bù"])

    /// The official 2025 and 2026 tables as shipped in config/nhacviec.yaml, for tests that need them.
    public static let official2026 = OfficialYear(year: 2026, daysOff: [
        date("2026-01-01"): "Tết Dương lịch", date("2026-01-02"): "Nghỉ hoán đổi",
        date("2026-02-16"): "Tết", date("2026-02-17"): "Tết", date("2026-02-18"): "Tết",
        date("2026-02-19"): "Tết", date("2026-02-20"): "Tết", date("2026-04-27"): "Nghỉ bù Giỗ Tổ",
        date("2026-04-30"): "30/4", date("2026-05-01"): "1/5", date("2026-08-31"): "Nghỉ hoán đổi",
        date("2026-09-01"): "Quốc khánh", date("2026-09-02"): "Quốc khánh",
    ], workingDays: [date("2026-01-10"): "Làm bù", date("2026-08-22"): "Làm bù"])
}

import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOutput
import Testing
import TestSupport

/// The shipped Ba Đồn plan, pinned to its placeholder conference date, against a golden schedule.
struct BaDonScheduleTests {
    static let root = Fixtures.repositoryRoot()

    static func load() throws -> Configuration {
        try ConfigurationLoader().load(mainFile: root.appendingPathComponent("config/nhacviec.yaml").path)
    }

    @Test("the shipped configuration passes check with one warning, the tentative conference date, and one note: no number")
    func shippedConfigurationIsValid() throws {
        let configuration = try Self.load()
        #expect(configuration.plans.map(\.plan.id) == ["ba-don-2025"])
        #expect(configuration.warnings.filter { $0.severity == .warning }.map(\.message)
                == ["the date of 'conference' is tentative (dự kiến); 21 tasks depend on it"])
        #expect(configuration.warnings.filter { $0.severity == .note }.map(\.message).map { $0.hasPrefix("plan 'ba-don-2025' has no number") }
                == [true], "the plan without a number is cited by its title, noted once")
        #expect(configuration.warnings.contains { $0.message.contains(
            "mail cites it by its title, \"Kế hoạch tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025 "
                + "của UBND phường Ba Đồn\";") }, "the note shows the citation the mail prints")
        #expect(configuration.plans[0].plan.tasks.count >= 15)
    }

    @Test("the Ba Đồn schedule from November 2025 to March 2026 matches the golden file")
    func baDonScheduleMatchesGolden() throws {
        let configuration = try Self.load()
        let preview = SchedulePreview(plans: configuration.plans.map(\.plan), calendar: configuration.calendar,
                                      from: Fixtures.date("2025-11-01"), to: Fixtures.date("2026-03-31"))
        let url = try #require(Bundle.module.url(forResource: "Fixtures/ba-don-2025.schedule.jsonl", withExtension: nil))
        let golden = try String(contentsOf: url, encoding: .utf8)
        let actual = preview.jsonLines()
        if actual != golden {
            let diff = zip(actual.split(separator: "\n"), golden.split(separator: "\n")).first { $0 != $1 }
            Issue.record("schedule differs from the golden file; first difference: \(String(describing: diff))")
        }
    }

    @Test("invitations are due Friday 12/12/2025, seven days before the conference, with the escalation after")
    func invitationDeadline() throws {
        let configuration = try Self.load()
        let plan = configuration.plans[0].plan
        let planner = ReminderPlanner(calendar: configuration.calendar)
        #expect(planner.timing(of: plan.task("giay-moi")!, in: plan) == .due(Fixtures.date("2025-12-12")))
        #expect(planner.timing(of: plan.task("tra-loi-van-ban")!, in: plan) == .waiting(event: "conclusion"))
        #expect(planner.timing(of: plan.task("cong-khai-ket-qua")!, in: plan) == .due(Fixtures.date("2025-12-29")))
    }
}

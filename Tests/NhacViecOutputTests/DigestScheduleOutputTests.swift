import Foundation
import NhacViecCore
import NhacViecOutput
import Testing
import TestSupport

/// `nhacviec schedule` with a weekly digest: JSON lines and table rows in time order.
struct DigestScheduleOutputTests {
    static var preview: SchedulePreview {
        // a is chased once overdue, so the digest of the week after its due day lists it too.
        var plan = Fixtures.plan(tasks: [Fixtures.task("a", due: .absolute(Fixtures.date("2026-03-09")),
                                                       overdue: OverdueRule(every: Offset(1, .workingDays), times: 1)),
                                         Fixtures.task("b", due: .absolute(Fixtures.date("2026-03-20")))])
        plan.departments[0].digest = DigestSettings()
        return SchedulePreview(plans: [plan], calendar: WorkingCalendar(official: [Fixtures.official2026]),
                               from: Fixtures.date("2026-03-01"), to: Fixtures.date("2026-03-16"))
    }

    @Test("a digest line follows the reminders of its instant and counts the tasks it would list; an empty week has none")
    func jsonLines() {
        #expect(Self.preview.jsonLines() == """
            {"plan":"p","task":"a","kind":"due","due":"2026-03-09","at":"2026-03-09T07:30:00+07:00","to":["vp@example.gov.vn"]}
            {"kind":"digest","at":"2026-03-09T07:30:00+07:00","to":["vp@example.gov.vn"],"week":"2026-W11","tasks":1}
            {"plan":"p","task":"a","kind":"overdue","due":"2026-03-09","at":"2026-03-10T07:30:00+07:00","to":["vp@example.gov.vn"]}
            {"kind":"digest","at":"2026-03-16T07:30:00+07:00","to":["vp@example.gov.vn"],"week":"2026-W12","tasks":2}

            """)
    }

    @Test("the table shows a digest as a row of kind digest with its week and task count")
    func table() {
        let lines = Self.preview.table().split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(lines.contains("Mon 2026-03-16 07:30 +07:00 - (2 tasks) digest 2026-W12 vp@example.gov.vn"))
    }
}

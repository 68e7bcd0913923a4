import Foundation
import NhacViecCore
import Testing
import TestSupport

/// What `status` shows of a recurring task on a pinned day: the occurrences that still matter, each with its period.
struct OccurrenceStatusTests {
    let calendar = WorkingCalendar(official: [Fixtures.official2026])
    /// 20/03/2027 is a Saturday, so March is due Monday 22/03; the status is taken on Wednesday 24/03/2027.
    let now = Fixtures.instant("2027-03-24T09:00")

    func monthly(overdue: OverdueRule? = OverdueRule(every: Offset(2, .workingDays), times: 2)) -> PlanTask {
        var task = Fixtures.task("bao-cao-thang", due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20),
                                                                             from: Fixtures.date("2027-01-01"))),
                                 overdue: overdue)
        task.title = "Báo cáo công tác {{period}}"
        return task
    }

    func statuses(_ task: PlanTask, done periods: [String] = []) -> [TaskStatus] {
        var completions: [TaskKey: [Completion]] = [:]
        for period in periods {
            let key = TaskKey(planID: "p", taskID: "bao-cao-thang+\(period)")
            completions[key] = [Completion(task: key, doneAt: now, doneBy: "Lan", note: nil)]
        }
        return TaskStatus.all(plans: [Fixtures.plan(tasks: [task])], calendar: calendar, records: [:],
                              completions: completions, lastSent: [:], now: now)
    }

    @Test("the open occurrences that fell due are listed with their periods, then the next one")
    func openAndNext() {
        let rows = statuses(monthly())
        #expect(rows.map(\.period) == ["2027-01", "2027-02", "2027-03", "2027-04"])
        #expect(rows.map(\.state) == [.overdue, .overdue, .overdue, .pending])
        #expect(rows.map(\.task.taskID).first == "bao-cao-thang+2027-01")
        #expect(rows[2].title == "Báo cáo công tác tháng 3/2027")
        #expect(rows[2].dueDay == Fixtures.date("2027-03-22"))
    }

    @Test("done occurrences drop out, except the latest due one, which shows that it was done")
    func doneDropOut() {
        let rows = statuses(monthly(), done: ["2027-01", "2027-03"])
        #expect(rows.map(\.period) == ["2027-02", "2027-03", "2027-04"])
        #expect(rows.map(\.state) == [.overdue, .done, .pending])
    }

    @Test("an occurrence with overdue: none lapses after its day instead of falling overdue")
    func lapsedAreNotOverdue() {
        let rows = statuses(monthly(overdue: nil))
        #expect(rows.map(\.period) == ["2027-03", "2027-04"])
        #expect(rows.map(\.state) == [.lapsed, .pending])
    }
}

import Foundation
import NhacViecCore
import Testing
import TestSupport

/// Re-import merge rules, and the report's states and working days late.
struct PetitionRulesTests {
    static func petition(_ number: Int, _ content: String = "Đề nghị sửa đường", department: String = "vp",
                         due: String = "conclusion + 15wd") -> Petition {
        Petition(number: number, content: content, raisedBy: "Ông Nguyễn Văn An, TDP 2", department: department, due: due)
    }

    @Test func mergeMatchesByNumberAndKeepsTheImportedOrder() {
        let current = [Self.petition(1), Self.petition(2), Self.petition(3), Self.petition(4)]
        let imported = [Self.petition(4), Self.petition(2, "Đề nghị sửa mương"), Self.petition(5), Self.petition(1, department: "lanh-dao")]
        let merge = PetitionMerge.merge(current: current, imported: imported, answered: [1, 3])
        #expect(merge.added == [5])
        #expect(merge.changed == [2, 1])
        #expect(merge.removed == [3])
        #expect(merge.unchanged == 1)
        #expect(merge.removedAnswered == [3])
        #expect(merge.answeredMoved == [1])
        #expect(merge.result.map(\.taskID) == ["kn-4", "kn-2", "kn-5", "kn-1"])
        #expect(!merge.isEmpty)
        #expect(PetitionMerge.merge(current: current, imported: current, answered: []).isEmpty)
    }

    @Test func taskIDsRoundTrip() {
        #expect(Petition.taskID(12) == "kn-12")
        #expect(Petition.number(ofTaskID: "kn-12") == 12)
        #expect(Petition.number(ofTaskID: "kn-012") == nil)
        #expect(Petition.number(ofTaskID: "tra-loi-van-ban") == nil)
    }

    /// Conclusion on Friday 26/12/2025; + 10wd is Monday 12/01/2026 (01/01 and 02/01/2026 are days off).
    static func plan(petitions: [Petition], conclusion: String?) -> Plan {
        var plan = Fixtures.plan(tasks: [])
        plan.events["conclusion"] = PlanEvent(date: conclusion.map(Fixtures.date))
        plan.tasks = petitions.map { petition in
            let due: DueRule = petition.due.hasPrefix("conclusion")
                ? .relative(event: "conclusion", direction: .after, offset: Offset(Int(petition.due.split(separator: " ")[2].dropLast(2))!, .workingDays))
                : .absolute(Fixtures.date(petition.due))
            return PlanTask(id: petition.taskID, title: petition.title, owners: [petition.department], due: due)
        }
        return plan
    }

    static let calendar = WorkingCalendar(official: [Fixtures.official2026])

    @Test func statesAndWorkingDaysLate() {
        let petitions = [Self.petition(1, due: "conclusion + 10wd"), Self.petition(2, due: "conclusion + 10wd"),
                         Self.petition(3, due: "conclusion + 10wd"), Self.petition(4, due: "2026-02-06"),
                         Self.petition(5, department: "lanh-dao", due: "conclusion + 10wd")]
        let plan = Self.plan(petitions: petitions, conclusion: "2025-12-26")
        func key(_ n: Int) -> TaskKey { TaskKey(planID: plan.id, taskID: Petition.taskID(n)) }
        let completions: [TaskKey: [Completion]] = [
            key(1): [Completion(task: key(1), doneAt: Fixtures.instant("2026-01-20T09:00"), doneBy: "vp", note: nil, ref: "12/KT",
                                answeredOn: Fixtures.date("2026-01-09"))],
            key(2): [Completion(task: key(2), department: "vp", doneAt: Fixtures.instant("2026-01-16T09:00"), doneBy: nil, note: nil,
                                ref: "45/UBND-VP")],
        ]
        let report = PetitionReport(plan: plan, petitions: petitions, calendar: Self.calendar, completions: completions,
                                    today: Fixtures.date("2026-01-20"))
        let rows = report.rows
        #expect(rows.map(\.state) == [.answeredOnTime, .answeredLate, .overdue, .pending, .overdue])
        #expect(rows[0].timing == .due(Fixtures.date("2026-01-12")))
        #expect(rows[0].answeredOn == Fixtures.date("2026-01-09"))
        #expect(rows[0].answerRef == "12/KT")
        // No answer date recorded: the day it was marked, in the plan's zone; Tue 13 to Fri 16 January.
        #expect(rows[1].answeredOn == Fixtures.date("2026-01-16"))
        #expect(rows.map(\.workingDaysLate) == [0, 4, 6, 0, 6])
        #expect(report.totals == [
            PetitionReport.Total(department: "vp", count: 4, answeredOnTime: 1, answeredLate: 1, pending: 1, overdue: 1, waiting: 0),
            PetitionReport.Total(department: "lanh-dao", count: 1, answeredOnTime: 0, answeredLate: 0, pending: 0, overdue: 1, waiting: 0),
        ])
    }

    @Test func waitingWhileTheConclusionIsTBD() {
        let petitions = [Self.petition(1), Self.petition(2, due: "2026-01-30")]
        let plan = Self.plan(petitions: petitions, conclusion: nil)
        let report = PetitionReport(plan: plan, petitions: petitions, calendar: Self.calendar, completions: [:],
                                    today: Fixtures.date("2026-02-02"))
        #expect(report.rows.map(\.state) == [.waiting, .overdue])
        #expect(report.rows.map(\.workingDaysLate) == [nil, 1])
        #expect(report.rows[0].timing == .waiting(event: "conclusion"))
    }
}

import Foundation
import NhacViecCore
import NhacViecOffice
import Testing
import TestSupport

/// Which occurrence of a recurring task `done` and `reopen` act on, on a pinned day: the named one, or the only one
/// the rule admits, and never the next month's in place of this one's.
struct OccurrenceChoiceTests {
    /// The 20th of each month from January 2027; 20/03/2027 is a Saturday, so March is due Monday 22/03.
    static let monthly = PlanTask(id: "bao-cao-thang", title: "Báo cáo công tác {{period}}", owners: ["vp"],
                                  due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20),
                                                             from: Fixtures.date("2027-01-01"))),
                                  overdue: OverdueRule(every: Offset(2, .workingDays), times: 2))

    func office(on day: String = "2027-03-22T09:00", task: PlanTask = Self.monthly) -> OfficeFixture {
        var office = OfficeFixture(tasks: [task])
        office.now = Fixtures.instant(day)
        return office
    }

    func resolve(_ office: OfficeFixture, _ period: String?, _ choice: OccurrenceChoice = .open) throws -> ResolvedTask {
        try ResolvedTask(TaskKey(planID: "ba-don", taskID: "bao-cao-thang"), in: office.configuration)
            .occurrence(period, choice: choice, configuration: office.configuration, ledger: office.ledger,
                        now: office.now)
    }

    func markDone(_ office: OfficeFixture, _ period: String) throws {
        let key = TaskKey(planID: "ba-don", taskID: "bao-cao-thang+\(period)")
        _ = office.ledger.markDone(Completion(task: key, department: "vp", doneAt: office.now, doneBy: "test", note: nil))
    }

    @Test("a named occurrence is its own task: its id carries the period, its title names it, its due day is shifted")
    func namedOccurrence() throws {
        let march = try resolve(office(), "2027-03")
        #expect(march.task.id == "bao-cao-thang+2027-03")
        #expect(march.task.title == "Báo cáo công tác tháng 3/2027")
        #expect(march.task.due == .absolute(Fixtures.date("2027-03-22")))
    }

    @Test("without --occurrence, done lists the open occurrences due or past due when there are several")
    func severalOpenAreListed() throws {
        let error = try #require(throws: OfficeError.self) { try resolve(office(), nil) }
        #expect(error.description.contains("3 occurrences open: 2027-01"))
        #expect(error.description.contains("2027-03 (Báo cáo công tác tháng 3/2027)"))
        #expect(!error.description.contains("2027-04"), "next month's is not at hand yet")
    }

    @Test("on March's due day, with the earlier months done, done takes March and not April")
    func dueDayTakesThisMonth() throws {
        let office = office()
        try markDone(office, "2027-01")
        try markDone(office, "2027-02")
        #expect(try resolve(office, nil).task.id == "bao-cao-thang+2027-03")
    }

    @Test("an occurrence without overdue reminders lapses: done passes over January and February and takes March")
    func lapsedAreNotChosen() throws {
        var task = Self.monthly
        task.overdue = nil
        #expect(try resolve(office(task: task), nil).task.id == "bao-cao-thang+2027-03")
    }

    @Test("with every past occurrence done, done takes the next one")
    func nothingDueTakesTheNext() throws {
        let office = office()
        for period in ["2027-01", "2027-02", "2027-03"] { try markDone(office, period) }
        #expect(try resolve(office, nil).task.id == "bao-cao-thang+2027-04")
    }

    @Test("marking March done leaves April and February open")
    func donePerOccurrence() throws {
        let office = office()
        try markDone(office, "2027-03")
        #expect(try office.ledger.doneOwners(TaskKey(planID: "ba-don", taskID: "bao-cao-thang+2027-03"))
            .isComplete(owners: ["vp"]))
        for other in ["2027-02", "2027-04"] {
            #expect(try office.ledger.doneOwners(TaskKey(planID: "ba-don", taskID: "bao-cao-thang+\(other)"))
                .departments.isEmpty)
        }
        #expect(try resolve(office, nil, .done).task.id == "bao-cao-thang+2027-03", "reopen finds the one done")
    }

    @Test("a period the rule does not have, or one of another unit, is refused with the form it takes")
    func unknownPeriodIsRefused() throws {
        for period in ["2027-13", "2027-Q1", "2026-12"] {
            let error = try #require(throws: OfficeError.self) { try resolve(office(), period) }
            #expect(error.description.contains("no occurrence named '\(period)'"))
            #expect(error.description.contains("2027-03"), "it shows the form a monthly name takes")
        }
    }

    @Test("--occurrence on a task that does not recur is refused")
    func plainTaskRefusesOccurrence() throws {
        var office = OfficeFixture()
        office.now = Fixtures.instant("2025-12-22T09:00")
        let error = try #require(throws: OfficeError.self) {
            try ResolvedTask(TaskKey(planID: "ba-don", taskID: "giay-moi"), in: office.configuration)
                .occurrence("2025-12", choice: .open, configuration: office.configuration, ledger: office.ledger,
                            now: office.now)
        }
        #expect(error.description.contains("does not recur"))
    }
}

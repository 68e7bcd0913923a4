import Foundation
import NhacViecCore
import NhacViecStore
import Testing
import TestSupport

/// The ledger's contract, run against the SQLite store and the in-memory double alike, so that the double the
/// daemon and use-case tests rely on cannot drift from the file the office runs on.
struct LedgerContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        func make() throws -> any OfficeLedger {
            switch self {
            case .sqlite: return SQLiteLedger(database: try AppDatabase.inMemory())
            case .memory: return InMemoryLedger()
            }
        }
    }

    static let t0 = Fixtures.instant("2025-12-12T07:30")
    let task = TaskKey(planID: "p", taskID: "t")

    func instance(_ day: String = "2025-12-12", kind: ReminderKind = .due) -> ReminderInstance {
        ReminderInstance(planID: "p", taskID: "t", kind: kind, dueDay: Fixtures.date("2025-12-12"), day: Fixtures.date(day),
                         at: Fixtures.instant("\(day)T07:30"), recipients: ["vp@example.gov.vn"])
    }

    @Test("a copy keeps its id across attempts, each copy has its own, and it is found by id and by Message-ID", arguments: Kind.allCases)
    func copiesHaveStableIDs(kind: Kind) throws {
        let ledger = try kind.make()
        let first = try ledger.beginDelivery(.reminder(instance()), department: "vp", recipients: ["VP@example.gov.vn"], mailID: "<a@x>", at: Self.t0)
        let retry = try ledger.beginDelivery(.reminder(instance()), department: "vp", recipients: ["vp@example.gov.vn"], mailID: "<a@x>",
                                             at: Self.t0.addingTimeInterval(60))
        let other = try ledger.beginDelivery(.reminder(instance()), department: "ca", recipients: ["ca@example.gov.vn"], mailID: "<b@x>", at: Self.t0)
        let week = DigestInstance(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-15"),
                                  at: Fixtures.instant("2025-12-15T07:30"), zone: .vietnam)
        let digest = try ledger.beginDelivery(.digest(week), department: nil, recipients: [week.address], mailID: "<d@x>", at: Self.t0)
        #expect(first == retry)
        #expect(Set([first, other, digest]).count == 3)
        let copy = try #require(try ledger.sentCopy(id: first))
        #expect(copy.recipients == ["vp@example.gov.vn"])
        #expect((copy.plan, copy.task, copy.department) == ("p", "t", "vp"))
        #expect(copy.at == Self.t0.addingTimeInterval(60))
        #expect(try ledger.sentCopy(mailID: "<b@x>")?.id == other)
        #expect(try ledger.sentCopy(id: digest)?.plan == "")
        #expect(try ledger.sentCopy(id: 9_999) == nil)
        #expect(try ledger.copyTargets() == [DepartmentTask(task: task, department: "vp"), DepartmentTask(task: task, department: "ca")])
        #expect(Set(try ledger.takeInterruptedAttempts()).count == 3)
    }

    @Test("a permanent failure is not replaced by a delay, and a mark clears after later copies go unreported for 7 days",
          arguments: Kind.allCases)
    func addressFailuresAge(kind: Kind) throws {
        let ledger = try kind.make()
        let failure = AddressFailure(address: "VP@example.gov.vn", permanent: true, status: "5.1.1", diagnostic: "user unknown",
                                     plan: "p", task: "t", department: "vp", copyAt: Self.t0, reportedAt: Self.t0.addingTimeInterval(5))
        try ledger.markUndeliverable(failure)
        var delay = failure
        delay.permanent = false
        delay.status = "4.4.1"
        try ledger.markUndeliverable(delay)
        #expect(try ledger.addressFailures(now: Self.t0).map(\.status) == ["5.1.1"])
        #expect(try ledger.addressFailures(now: Self.t0).first?.address == "vp@example.gov.vn")
        // Reminders sent since, without a report: the mark holds for 7 days after the first of them, then clears.
        let later = Fixtures.instant("2025-12-15T07:30")
        try ledger.beginDelivery(.reminder(instance("2025-12-15")), department: "vp", recipients: ["vp@example.gov.vn"], mailID: nil, at: later)
        #expect(try ledger.addressFailures(now: later.addingTimeInterval(6 * 86_400)).count == 1)
        #expect(try ledger.addressFailures(now: later.addingTimeInterval(7 * 86_400)).isEmpty)
    }

    @Test("the admins are told of an address at most once a day", arguments: Kind.allCases)
    func failureNoticeOncePerDay(kind: Kind) throws {
        let ledger = try kind.make()
        try ledger.markUndeliverable(AddressFailure(address: "vp@example.gov.vn", permanent: true, status: "5.1.1", diagnostic: nil,
                                                    plan: "p", task: "t", department: "vp", copyAt: Self.t0, reportedAt: Self.t0))
        #expect(try ledger.claimFailureNotice(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-12")))
        #expect(try !ledger.claimFailureNotice(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-12")))
        #expect(try ledger.claimFailureNotice(address: "vp@example.gov.vn", day: Fixtures.date("2025-12-13")))
        #expect(try !ledger.claimFailureNotice(address: "ca@example.gov.vn", day: Fixtures.date("2025-12-13")))
    }

    @Test("ten forwards an hour reach an address; the rest are held and counted; the next hour opens again", arguments: Kind.allCases)
    func forwardLimit(kind: Kind) throws {
        let ledger = try kind.make()
        let allowed = try (0..<12).map { try ledger.reserveForward(to: "admin@x.vn", limit: .standard, now: Self.t0.addingTimeInterval(Double($0))) }
        #expect(allowed == Array(repeating: true, count: 10) + [false, false])
        #expect(try ledger.reserveForward(to: "other@x.vn", limit: .standard, now: Self.t0))
        #expect(try ledger.reserveForward(to: "ADMIN@x.vn", limit: .standard, now: Self.t0.addingTimeInterval(3_601)))
        #expect(try ledger.forwardSummary(since: Self.t0) == ForwardSummary(forwarded: 12, held: 2))
    }

    @Test("a completion report records, a repeat changes nothing, a new document number or date updates", arguments: Kind.allCases)
    func completionRule(kind: Kind) throws {
        let ledger = try kind.make()
        let today = Fixtures.date("2025-12-20")
        let first = CompletionReport(task: task, department: "vp", at: Self.t0, by: "vp@x.vn", today: today)
        guard case .recorded(let recorded) = try ledger.recordCompletion(first) else { Issue.record("not recorded"); return }
        #expect(recorded.answeredOn == today)
        guard case .unchanged = try ledger.recordCompletion(first) else { Issue.record("a repeat changed something"); return }
        var withRef = first
        withRef.ref = "45/UBND-VP"
        withRef.answeredOn = Fixtures.date("2025-12-18")
        guard case .updated(let updated) = try ledger.recordCompletion(withRef) else { Issue.record("not updated"); return }
        #expect(updated.ref == "45/UBND-VP" && updated.answeredOn == Fixtures.date("2025-12-18"))
        #expect(updated.doneBy == "vp@x.vn")
        guard case .unchanged = try ledger.recordCompletion(withRef) else { Issue.record("a repeat with the same number changed"); return }
        #expect(try ledger.completions()[task]?.count == 1)
        #expect(try ledger.completions()[task]?.first?.ref == "45/UBND-VP")
    }

    @Test("a department's report on a task marked done as a whole updates that record rather than adding a second",
          arguments: Kind.allCases)
    func reportOnWholeTaskCompletion(kind: Kind) throws {
        let ledger = try kind.make()
        try ledger.markDone(Completion(task: task, doneAt: Self.t0, doneBy: "Lan", note: nil))
        var report = CompletionReport(task: task, department: "vp", at: Self.t0, by: "vp@x.vn", today: Fixtures.date("2025-12-20"))
        guard case .unchanged = try ledger.recordCompletion(report) else { Issue.record("a plain report added a row"); return }
        report.ref = "7/VP"
        guard case .updated = try ledger.recordCompletion(report) else { Issue.record("not updated"); return }
        #expect(try ledger.completions()[task]?.map(\.ref) == ["7/VP"])
    }

    @Test("outcomes, attempts, done owners and accepted copies read back as written", arguments: Kind.allCases)
    func basics(kind: Kind) throws {
        let ledger = try kind.make()
        try ledger.beginDelivery(.reminder(instance()), department: nil, recipients: ["vp@example.gov.vn"], mailID: nil, at: Self.t0)
        try ledger.record(LedgerEntry(send: .reminder(instance()), outcome: .sent, mailID: "<m@x>", recordedAt: Self.t0, attempts: 1, detail: nil))
        try ledger.record(LedgerEntry(send: .reminder(instance()), department: "vp", outcome: .sent, mailID: "<m@x>", recordedAt: Self.t0,
                                      attempts: 1, detail: nil))
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
        #expect(try ledger.records()[task]?.handledKeys == ["p/t/due/2025-12-12"])
        #expect(try ledger.acceptedCopies(.reminder(instance())) == ["vp"])
        #expect(try ledger.lastSent()[task]?.kind == "due")
        try ledger.markDone(Completion(task: task, department: "vp", doneAt: Self.t0, doneBy: nil, note: nil))
        #expect(try ledger.doneOwners(task).departments == ["vp"])
        #expect(try ledger.reopen(task, department: "vp"))
        #expect(try ledger.doneOwners(task).departments.isEmpty)
    }
}

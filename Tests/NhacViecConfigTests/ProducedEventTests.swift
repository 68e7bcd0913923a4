import Foundation
import NhacViecConfig
import NhacViecCore
import Testing
import TestSupport

/// `produces: EVENT`: a task that brings an event about is done while the event has a firm date.
struct ProducedEventTests {
    static let events = "  hop: 2025-12-19\n  ket-luan: {date: tbd}"

    @Test("a task that produces an event is open while the event is tbd or tentative, done on its date once it is firm")
    func stateFollowsTheEvent() throws {
        let task = "{id: tb, title: Thông báo kết luận, owner: vp, due: hop + 10d, produces: ket-luan}"
        var plan = try EventFormTests.load(events: Self.events, task: task).plans[0].plan
        let tb = try #require(plan.task("tb"))
        #expect(tb.produces == "ket-luan")
        #expect(plan.producedCompletion(of: tb) == nil)
        plan.events["ket-luan"] = PlanEvent(date: Fixtures.date("2025-12-26"), isTentative: true)
        #expect(plan.producedCompletion(of: tb) == nil, "a tentative date is not the Notice's signature")
        plan.events["ket-luan"] = PlanEvent(date: Fixtures.date("2025-12-26"))
        let done = try #require(plan.producedCompletion(of: tb))
        #expect(done.answeredOn == Fixtures.date("2025-12-26"))
        #expect(plan.doneOwners(of: tb, recorded: DoneOwners()).isComplete(owners: tb.owners))
        // A mark in the ledger does not count for such a task: only the event does.
        plan.events["ket-luan"] = .tbd
        #expect(!plan.doneOwners(of: tb, recorded: DoneOwners(everyone: true)).isComplete(owners: tb.owners))
        let status = TaskStatus.all(plans: [plan], calendar: WorkingCalendar(official: [Fixtures.official2025]), records: [:],
                                    completions: [TaskKey(planID: "a", taskID: "tb"): [Completion(task: TaskKey(planID: "a", taskID: "tb"),
                                                  doneAt: Date(), doneBy: "x", note: nil)]],
                                    lastSent: [:], now: Fixtures.instant("2025-12-30T08:00"))
        #expect(status.first?.state == .overdue)
    }

    @Test("check rejects producing an undefined event, and producing the event the task's own deadline counts from")
    func checkRejects() {
        #expect(EventFormTests.diagnostics(events: Self.events,
                                           task: "{id: tb, title: T, owner: vp, due: hop + 10d, produces: ketluan}").first?
                .contains("produces refers to undefined event 'ketluan'") == true)
        let circular = EventFormTests.diagnostics(events: Self.events,
                                                  task: "{id: tb, title: T, owner: vp, due: ket-luan + 5wd, produces: ket-luan}")
        #expect(circular.first?.hasPrefix("/etc/nv/plans.d/a.yaml:8:66: error:") == true, "positioned at the value: \(circular)")
        #expect(circular.first?.contains("cannot produce 'ket-luan' and be due from it too") == true, "\(circular)")
    }
}

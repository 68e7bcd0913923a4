import NhacViecCore
import Testing
import TestSupport

/// A task's size in memory: the daemon holds 2,000,000 of them at national scale (docs/performance.md), so the
/// rare fields are boxed and must not come back inline unnoticed.
struct PlanTaskSizeTests {
    @Test("a task takes at most 200 bytes inline, and a due rule 40, a recurring one included")
    func inlineSize() {
        #expect(MemoryLayout<PlanTask>.stride <= 200)
        #expect(MemoryLayout<DueRule>.stride <= 40)
    }

    @Test("the boxed fields read back as set, and a task whose rare fields are cleared equals one that never had them")
    func boxedFieldsBehaveAsValues() {
        let plain = Fixtures.task("a", due: .absolute(Fixtures.date("2026-03-13")))
        var task = plain
        task.produces = "conclusion"
        var copy = task
        copy.produces = "conference"
        #expect(task.produces == "conclusion" && copy.produces == "conference", "a copy's change is its own")
        #expect(task != plain && task.hashValue != plain.hashValue)
        task.produces = nil
        #expect(task == plain && task.hashValue == plain.hashValue)
    }
}

import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import Testing

/// `nhacviec event`'s use case on files in a temporary directory: only the value changes, the check comes first,
/// and a failure writes nothing.
struct SetEventTests {
    let files: OfficeFiles

    init() throws { files = try OfficeFiles() }

    func setEvent(scheduleWarnings: Bool = false) throws -> SetEvent {
        SetEvent(configuration: try files.load(), check: { [files] source in
            try ConfigurationLoader(source: source, scheduleWarnings: scheduleWarnings).load(mainFile: files.main)
        })
    }

    func inode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int)
    }

    @Test("setting a tbd event's date replaces the file with only that value changed, comments kept")
    func setsOnlyTheValue() throws {
        let before = try inode(files.plan)
        let setEvent = try setEvent()
        let value = try EventValue("2025-12-26", tentative: false)
        let change = try setEvent.prepare(plan: "ba-don", event: "conclusion", to: value)
        #expect(files.temporary.read("plans.d/ba-don.yaml") == OfficeFiles.planText, "prepare writes nothing")
        try setEvent.write(change)
        #expect(files.temporary.read("plans.d/ba-don.yaml")
                == OfficeFiles.planText.replacingOccurrences(of: "conclusion: tbd", with: "conclusion: 2025-12-26"))
        #expect(try inode(files.plan) != before, "replaced by a rename, never rewritten in place")
        #expect(files.planFiles == ["ba-don.yaml"])
        #expect(change.report == [
            "\(files.plan): ba-don: conclusion: tbd → 2025-12-26",
            "1 task waiting for 'conclusion' is now scheduled (see: nhacviec schedule).",
            "A running daemon uses the new date after: systemctl reload nhacviec",
        ])
    }

    @Test("a tentative date comes with the check's warning about the tasks that depend on it")
    func tentativeDateWarns() throws {
        let change = try setEvent(scheduleWarnings: true)
            .prepare(plan: "ba-don", event: "conference", to: try EventValue("2025-12-18", tentative: true))
        #expect(change.report.first == "\(files.plan): ba-don: conference: 2025-12-19 → 2025-12-18 (dự kiến)")
        #expect(change.report.dropFirst().first == "1 task counts from 'conference'; reminders follow the new date.")
        #expect(change.warnings.contains { $0.severity == .warning && $0.message.contains("tentative") })
    }

    @Test("when the configuration with the edit would not pass check, its diagnostics come back and nothing is written")
    func failingCheckWritesNothing() throws {
        let setEvent = try setEvent()
        // Another plan file broken after the configuration was loaded: the whole configuration no longer passes.
        try files.temporary.write("plans.d/hong.yaml", OfficeFiles.brokenPlanText)
        let value = try EventValue("2025-12-26", tentative: false)
        let error = try #require(throws: OfficeError.self) {
            try setEvent.prepare(plan: "ba-don", event: "conclusion", to: value)
        }
        #expect(error.code == .checkFailed)
        #expect(error.description
                == "with conclusion set to 2025-12-26, the configuration would not pass check; nothing was written")
        #expect(error.diagnostics.contains { $0.file.hasSuffix("/plans.d/hong.yaml") })
        #expect(files.temporary.read("plans.d/ba-don.yaml") == OfficeFiles.planText)
    }

    @Test("an unknown event is refused with the nearest name and the events there are")
    func unknownEvent() throws {
        let error = try #require(throws: OfficeError.self) {
            try setEvent().prepare(plan: "ba-don", event: "conclusio", to: try EventValue("tbd", tentative: false))
        }
        #expect(error.code == .cannotEdit)
        #expect(error.description == "plan 'ba-don' has no event 'conclusio'; did you mean 'conclusion'? "
                + "(events: conclusion, conference)")
    }

    @Test("a value is a date written YYYY-MM-DD or tbd, and tbd cannot be tentative")
    func eventValues() throws {
        #expect(try EventValue("TBD", tentative: false).change == EventEditor.Change(date: nil))
        #expect(try EventValue("2025-12-26", tentative: true).change
                == EventEditor.Change(date: LocalDate(iso: "2025-12-26"), isTentative: true))
        #expect(throws: OfficeError.self) { try EventValue("26/12/2025", tentative: false) }
        let error = try #require(throws: OfficeError.self) { try EventValue("tbd", tentative: true) }
        #expect(error.code == .invalidRequest)
        #expect(error.description == "--tentative needs a date: 'tbd' cannot be tentative")
    }
}

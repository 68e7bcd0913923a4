import NhacViecConfig
import NhacViecCore
import Testing
import TestSupport

/// Changing an event in a plan file's text without disturbing anything else.
struct EventEditorTests {
    static let path = "/etc/nv/plans.d/a.yaml"

    static func plan(events: String) -> String {
        "# Kế hoạch thử: every comment must survive\nplan:\n  id: a   # the plan id\n  title: T\nevents:\n\(events)tasks: []\n"
    }

    static func edit(_ text: String, event: String = "hop", date: String?, tentative: Bool = false) throws -> String {
        let change = EventEditor.Change(date: date.map(Fixtures.date), isTentative: tentative)
        return try EventEditor(files: [(path, text)]).edit(plan: "a", event: event, to: change).text
    }

    @Test("a tbd becomes a date and every other byte, comments included, stays as it was")
    func tbdBecomesDate() throws {
        let text = Self.plan(events: "  # ngày ký Thông báo kết luận\n  hop: tbd   # chưa có\n  khac: 2025-12-01\n")
        #expect(try Self.edit(text, date: "2025-12-24") == Self.plan(events: "  # ngày ký Thông báo kết luận\n  hop: 2025-12-24   # chưa có\n  khac: 2025-12-01\n"))
    }

    @Test("a quoted value keeps its quotes")
    func quotedValue() throws {
        let text = Self.plan(events: "  hop: \"2025-12-19\"\n  sau: 'tbd'\n")
        #expect(try Self.edit(text, date: "2025-12-26") == Self.plan(events: "  hop: \"2025-12-26\"\n  sau: 'tbd'\n"))
        #expect(try Self.edit(text, event: "sau", date: nil) == text)
    }

    @Test("a short value becomes the long form only with --tentative")
    func shortToLong() throws {
        let text = Self.plan(events: "  hop: 2025-12-19 # dự kiến tháng 12\n")
        #expect(try Self.edit(text, date: "2025-12-26", tentative: true)
                == Self.plan(events: "  hop: {date: 2025-12-26, tentative: true} # dự kiến tháng 12\n"))
    }

    @Test("in the flow long form only date and tentative change; tentative is added or turned false")
    func flowLongForm() throws {
        let text = Self.plan(events: "  hop: {date: 2025-12-19, time: \"14:00\", place: \"Hội trường\"}  # giờ, địa điểm\n")
        let tentative = try Self.edit(text, date: "2025-12-26", tentative: true)
        #expect(tentative == Self.plan(events: "  hop: {date: 2025-12-26, tentative: true, time: \"14:00\", place: \"Hội trường\"}  # giờ, địa điểm\n"))
        #expect(try Self.edit(tentative, date: "2025-12-26")
                == Self.plan(events: "  hop: {date: 2025-12-26, tentative: false, time: \"14:00\", place: \"Hội trường\"}  # giờ, địa điểm\n"))
    }

    @Test("in the block long form tentative gets its own line, indented like date")
    func blockLongForm() throws {
        let text = Self.plan(events: "  hop:\n    date: 2025-12-19   # dự kiến\n    # giờ khai mạc\n    time: \"14:00\"\n")
        #expect(try Self.edit(text, date: "2026-01-09", tentative: true)
                == Self.plan(events: "  hop:\n    date: 2026-01-09   # dự kiến\n    tentative: true\n    # giờ khai mạc\n    time: \"14:00\"\n"))
    }

    @Test("a CRLF file keeps its CRLF line endings, also on an added line")
    func crlf() throws {
        let text = Self.plan(events: "  hop:\n    date: 2025-12-19\n  sau: tbd\n").replacingOccurrences(of: "\n", with: "\r\n")
        let edited = try Self.edit(text, date: "2025-12-22", tentative: true)
        #expect(edited == Self.plan(events: "  hop:\n    date: 2025-12-22\n    tentative: true\n  sau: tbd\n")
                .replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("an event the plan does not have is an error listing its events")
    func unknownEvent() {
        let text = Self.plan(events: "  hop: 2025-12-19\n  sau: tbd\n")
        #expect {
            try Self.edit(text, event: "hopp", date: "2025-12-20")
        } throws: { error in
            let error = error as? EventEditError
            return error?.code == .unknownEvent
                && error?.description == "plan 'a' has no event 'hopp'; did you mean 'hop'? (events: hop, sau)"
        }
    }

    @Test("a plan id that no file has is an error listing the plan ids")
    func unknownPlan() {
        let files = [("/p/x.yaml", "plan: {id: x, title: X}\n"), ("/p/y.yaml", "plan: {id: y, title: Y}\n")]
        #expect {
            try EventEditor(files: files).edit(plan: "z", event: "hop", to: EventEditor.Change(date: nil))
        } throws: { error in
            (error as? EventEditError)?.description == "no plan 'z'; did you mean 'x'? (plans: x, y)"
        }
    }
}

import Foundation
import NhacViecConfig
import NhacViecCore
import Testing

/// Plans written to break `check`: huge, deep, malformed or full of invisible characters. Each gets a positioned
/// error, never a crash or a stall.
struct HostilePlanTests {
    static let planFile = YAMLReadingTests.planFile

    static func errors(_ plan: String) -> [String] { YAMLReadingTests.errors(plan) }

    @Test("a duplicate among 200,000 keys of one mapping is still reported at the second key")
    func duplicateAmongManyKeys() {
        var plan = YAMLReadingTests.header.replacingOccurrences(of: "events: {hop: 2025-12-19}\n", with: "events:\n")
        plan.reserveCapacity(4_000_000)
        for index in 0..<200_000 { plan += "  e\(index): tbd\n" }
        plan += "  e7: tbd\ndepartments: {}\ntasks: []\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):200003:3: error: YAML syntax: duplicate key 'e7' (first on line 10)"])
    }

    static let tooDeep = "lists and mappings are nested more than 1000 levels deep"

    @Test("a list nested 100,000 deep is refused at a position, not a stack overflow")
    func deepYAMLNesting() {
        let depth = 100_000
        let plan = YAMLReadingTests.header + "departments: {}\ntasks: " + String(repeating: "[", count: depth)
            + String(repeating: "]", count: depth) + "\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):4:9: error: YAML syntax: \(Self.tooDeep)"])
    }

    @Test("a mapping nested 100,000 deep is refused at a position, not a stack overflow")
    func deepYAMLMappingNesting() {
        let depth = 100_000
        let plan = YAMLReadingTests.header + "departments: {}\ntasks: [" + String(repeating: "{a: ", count: depth)
            + "b" + String(repeating: "}", count: depth) + "]\n"
        #expect(Self.errors(plan) == ["\(Self.planFile):4:3997: error: YAML syntax: \(Self.tooDeep)"])
    }

    static let onlyPrintable = "delete it (only printable text is allowed here)"

    @Test("a control character in a title, name, id, address or event value is refused where it is written", arguments: [
        ("  - {id: t, title: \"Việc\\0\", owner: vp, due: conference}", "",
         "11:20: error: control character U+0000 in task title; \(onlyPrintable)"),
        ("  - {id: \"t\\e\", title: Việc, owner: vp, due: conference}", "",
         "11:10: error: control character U+001B in task id; \(onlyPrintable)"),
        ("  - {id: t, title: \"Việc\\tlàm\", owner: vp, due: conference}", "",
         "11:20: error: control character U+0009 in task title; \(onlyPrintable)"),
        (CheckDiagnosticsTests.goodTask, "  vp: {name: \"Văn\\x07phòng\", email: vp@example.gov.vn}",
         "9:14: error: control character U+0007 in department name; \(onlyPrintable)"),
        (CheckDiagnosticsTests.goodTask, "  vp: {name: Văn phòng, email: \"vp\\x01@example.gov.vn\"}",
         "9:32: error: control character U+0001 in email; \(onlyPrintable)"),
        (CheckDiagnosticsTests.goodTask, "  vp: {name: Văn phòng, email: vp@example.gov.vn}\n  \"v\\x7Fp\": {name: B, email: b@example.gov.vn}",
         "10:3: error: control character U+007F in a key of 'departments'; \(onlyPrintable)"),
        ("  - {id: t, title: Việc, owner: vp, due: conference, description: \"a\\tb\\nc\\x00\"}", "",
         "11:67: error: control character U+0000 in description; delete it (only printable text, tabs and line breaks are allowed here)"),
    ])
    func controlCharacters(task: String, departments: String, expected: String) {
        let plan = departments.isEmpty ? CheckDiagnosticsTests.plan(tasks: task)
            : CheckDiagnosticsTests.plan(tasks: task, departments: departments)
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan) == ["\(Self.planFile):\(expected)"])
    }

    @Test("a control character in an event's date is refused at the date")
    func controlCharacterInEvent() {
        let plan = CheckDiagnosticsTests.plan(tasks: CheckDiagnosticsTests.goodTask)
            .replacingOccurrences(of: "conclusion: tbd", with: "conclusion: \"2026-01-05\\0\"")
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan)
            == ["\(Self.planFile):7:15: error: control character U+0000 in event 'conclusion'; \(Self.onlyPrintable)"])
    }

    @Test("tabs and line breaks stay allowed in a description and a body template")
    func tabsInMultilineText() {
        let task = "  - {id: t, title: Việc, owner: vp, due: conference, description: \"cột 1\\tcột 2\\ndòng 2\"}"
        let plan = CheckDiagnosticsTests.plan(tasks: task) + "\ntemplates:\n  body: \"Kính gửi\\t{{owners}}\\n\"\n"
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan).isEmpty)
    }

    static let tooLong = "characters long; the limit is 300 (it goes into every reminder's subject or headers)"

    @Test("a name or title longer than 300 characters is refused where it is written, naming the limit")
    func longNamesAndTitles() {
        let long = String(repeating: "Đ", count: 5_000)
        let plan = CheckDiagnosticsTests.plan(
            tasks: "  - {id: t, title: \(long), owner: vp, due: conference}",
            departments: "  vp: {name: \(long), email: vp@example.gov.vn}",
            header: "  id: a\n  title: \(long)\n  authority: \(String(repeating: "x", count: 301))\n  admin: vp@example.gov.vn")
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan) == [
            "\(Self.planFile):3:10: error: plan title is 5000 \(Self.tooLong)",
            "\(Self.planFile):4:14: error: authority is 301 \(Self.tooLong)",
            "\(Self.planFile):10:14: error: department name is 5000 \(Self.tooLong)",
            "\(Self.planFile):12:20: error: task title is 5000 \(Self.tooLong)",
        ])
    }

    @Test("a title of exactly 300 characters is accepted")
    func titleAtTheLimit() {
        let task = "  - {id: t, title: \(String(repeating: "Ủ", count: 300)), owner: vp, due: conference}"
        #expect(CheckDiagnosticsTests.diagnostics(plan: CheckDiagnosticsTests.plan(tasks: task)).isEmpty)
    }

    @Test("invalid UTF-8 is placed at its line and column, counting characters rather than bytes", arguments: [
        (Array("plan:\n  id: a\n  admin: a@example.gov.vn\n  title: Vi".utf8) + [0xC3, 0x28] + Array("c\n".utf8), 0xC3, 4, 12),
        (Array("a: Việc\r\nb: Đồn\r\rc: ".utf8) + [0xFF], 0xFF, 4, 4),
        ([0xEF, 0xBB, 0xBF] + Array("ok: Ủy ban".utf8) + [0xE1, 0xBB], 0xE1, 1, 11),
        (Array("x: ".utf8) + [0xED, 0xA0, 0x80], 0xED, 1, 4),
    ] as [([UInt8], UInt8, Int, Int)])
    func invalidUTF8IsPlaced(bytes: [UInt8], byte: UInt8, line: Int, column: Int) {
        #expect(throws: TextDecodingError(code: .invalidUTF8, byte: byte, line: line, column: column)) {
            try UTF8Text.decode(bytes)
        }
    }

    @Test("check reports a plan file with invalid UTF-8 at the bad byte, in words an office can act on")
    func invalidUTF8FromDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-utf8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("plans.d"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("nhacviec.yaml"), plan = directory.appendingPathComponent("plans.d/a.yaml")
        try Data("plans: plans.d\n".utf8).write(to: main)
        try Data(Array("plan:\n  id: a\n  admin: a@example.gov.vn\n  title: Vi".utf8) + [0xC3, 0x28] + Array("c\n".utf8)).write(to: plan)
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader().load(mainFile: main.path) }
        #expect(error?.diagnostics.map(\.description)
            == ["\(plan.path):4:12: error: invalid UTF-8 (byte 0xC3 at line 4, column 12); save the file as UTF-8"])
    }

    @Test("a UTF-8 file with a byte-order mark reads as if it had none")
    func byteOrderMarkIsDropped() throws {
        #expect(try UTF8Text.decode([0xEF, 0xBB, 0xBF] + Array("Đồn".utf8)) == "Đồn")
    }

    @Test("a due day or event outside 1968-2100 is refused at its value, naming the supported years", arguments: [
        ("2090-01-02", "conference + 9999wd", "11:42: error: due day 2128-10-15 is outside the supported years 1968-2100, which the working-day calendar covers"),
        ("1968-06-03", "conference - 9999d", "11:42: error: due day 1941-01-17 is outside the supported years 1968-2100, which the working-day calendar covers"),
        ("2025-12-19", "3000-01-01", "11:42: error: due 3000-01-01 is outside the supported years 1968-2100"),
        ("3000-01-01", "2025-01-01", "6:15: error: event 'conference' 3000-01-01 is outside the supported years 1968-2100"),
        ("1967-12-31", "2025-01-01", "6:15: error: event 'conference' 1967-12-31 is outside the supported years 1968-2100"),
    ])
    func daysOutsideTheCalendar(conference: String, due: String, expected: String) {
        let plan = CheckDiagnosticsTests.plan(tasks: "  - {id: t, title: Việc, owner: vp, due: \(due)}")
            .replacingOccurrences(of: "conference: 2025-12-19", with: "conference: \(conference)")
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan) == ["\(Self.planFile):\(expected)"])
    }

    @Test("the last day of 2100 is still inside the calendar")
    func lastSupportedDay() {
        let plan = CheckDiagnosticsTests.plan(tasks: "  - {id: t, title: Việc, owner: vp, due: conference + 1d}")
            .replacingOccurrences(of: "conference: 2025-12-19", with: "conference: 2100-12-30")
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan).isEmpty)
    }
}

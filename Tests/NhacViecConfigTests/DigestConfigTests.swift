import NhacViecConfig
import NhacViecCore
import Testing

/// `digest:` in a plan's `plan:` section and under a department.
struct DigestConfigTests {
    static func load(header: String = "", departments: String) -> (plan: Plan?, errors: [String]) {
        let plan = """
            plan:
              id: a
              title: Kế hoạch
              admin: vp@example.gov.vn
            \(header)
            departments:
            \(departments)
            tasks:
              - {id: t, title: Việc, owner: vp, due: 2025-12-19}
            """
        let source = MemoryConfigurationSource(files: [CheckDiagnosticsTests.main: CheckDiagnosticsTests.mainText,
                                                       CheckDiagnosticsTests.planFile: plan])
        do {
            return (try ConfigurationLoader(source: source).load(mainFile: CheckDiagnosticsTests.main).plans.first?.plan, [])
        } catch let error as ConfigurationError {
            return (nil, error.diagnostics.filter { $0.severity == .error }.map(\.description))
        } catch {
            return (nil, ["unexpected \(error)"])
        }
    }

    static let twoDepartments = """
          vp: {name: Văn phòng, email: vp@example.gov.vn}
          kt: {name: Kinh tế, email: kt@example.gov.vn, digest: {weekday: friday, at: "16:00", advance: drop}}
          vh: {name: Văn hóa, email: vh@example.gov.vn, digest: none}
        """

    @Test("the plan's digest applies to every department without its own; a department's own replaces it; none turns it off")
    func departmentOverridesPlan() throws {
        let loaded = Self.load(header: "  digest: {weekday: monday, at: \"07:30\", advance: keep}", departments: Self.twoDepartments)
        #expect(loaded.errors.isEmpty)
        let plan = try #require(loaded.plan)
        #expect(plan.digest == DigestSettings(weekday: 1, at: TimeOfDay(hour: 7, minute: 30)!, advance: .keep))
        #expect(plan.department("vp")?.digest == plan.digest)
        #expect(plan.department("kt")?.digest == DigestSettings(weekday: 5, at: TimeOfDay(hour: 16, minute: 0)!, advance: .drop))
        #expect(plan.department("vh")?.digest == nil)
    }

    @Test("without digest no department gets one; a department alone may opt in, defaulting to Monday at send-at")
    func optIn() throws {
        let plan = try #require(Self.load(departments: "  vp: {name: Văn phòng, email: vp@example.gov.vn, digest: {}}").plan)
        #expect(plan.digest == nil)
        #expect(plan.department("vp")?.digest == DigestSettings())
        #expect(try #require(Self.load(departments: Self.twoDepartments).plan).department("vp")?.digest == nil)
    }

    @Test("bad values are reported at their position, with suggestions", arguments: [
        ("  digest: {weekday: mondy}", "/etc/nv/plans.d/a.yaml:5:21: error: digest weekday must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday, not 'mondy'; did you mean 'monday'?"),
        ("  digest: {at: \"7h30\"}", "/etc/nv/plans.d/a.yaml:5:16: error: digest at must be a time of day written HH:MM (24-hour, quoted), not '7h30'"),
        ("  digest: {advance: dorp}", "/etc/nv/plans.d/a.yaml:5:21: error: digest advance must be 'keep' or 'drop', not 'dorp'; did you mean 'drop'?"),
        ("  digest: {weekdy: monday}", "/etc/nv/plans.d/a.yaml:5:12: error: unknown key 'weekdy' in 'digest'; did you mean 'weekday'?"),
        ("  digest: monday", "/etc/nv/plans.d/a.yaml:5:11: error: digest must be a mapping such as {weekday: monday, at: \"07:30\", advance: keep}, or none; not a single value"),
    ])
    func positionedErrors(header: String, expected: String) {
        #expect(Self.load(header: header, departments: "  vp: {name: Văn phòng, email: vp@example.gov.vn}").errors == [expected])
    }
}

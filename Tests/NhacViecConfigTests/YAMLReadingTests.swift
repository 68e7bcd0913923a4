import NhacViecConfig
import NhacViecCore
import Testing

/// The YAML layer under the readers: libyaml's events turned into positioned nodes.
struct YAMLReadingTests {
    static let main = "/etc/nv/nhacviec.yaml"
    static let planFile = "/etc/nv/plans.d/a.yaml"

    static func load(_ plan: String) throws -> Configuration {
        let source = MemoryConfigurationSource(files: [main: "plans: plans.d\n", planFile: plan])
        return try ConfigurationLoader(source: source).load(mainFile: main)
    }

    static func errors(_ plan: String) -> [String] {
        do {
            _ = try load(plan)
            return []
        } catch let error as ConfigurationError {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    static let header = "plan: {id: a, title: T, admin: a@example.gov.vn}\nevents: {hop: 2025-12-19}\n"

    @Test("a duplicate key is reported at the second occurrence, naming the first")
    func duplicateKeyAtSecondOccurrence() {
        let plan = Self.header + "departments:\n  vp: {name: A, email: a@example.gov.vn}\n  vp: {name: B, email: b@example.gov.vn}\ntasks: []\n"
        #expect(Self.errors(plan) == ["/etc/nv/plans.d/a.yaml:5:3: error: YAML syntax: duplicate key 'vp' (first on line 4)"])
    }

    @Test("anchors and aliases are expanded, so a plan can share a reminder policy")
    func aliasesExpand() throws {
        let plan = Self.header + """
            departments:
              vp: {name: Văn phòng, email: vp@example.gov.vn}
            tasks:
              - {id: a, title: A, owner: vp, due: hop, remind: &often [3wd, 1wd, 0d]}
              - {id: b, title: B, owner: vp, due: hop, remind: *often}
            """
        let tasks = try Self.load(plan).plans[0].plan.tasks
        #expect(tasks[1].remind == tasks[0].remind)
        #expect(tasks[1].remind.count == 3)
    }

    @Test("a second YAML document in one file is an error, not silently ignored")
    func secondDocumentIsRefused() {
        let plan = Self.header + "departments: {}\ntasks: []\n---\nplan: {id: b}\n"
        #expect(Self.errors(plan).first?.hasPrefix("/etc/nv/plans.d/a.yaml:5:1: error: YAML syntax: a second document") == true)
    }

    @Test("quoted values keep their text: a quoted tbd-looking title is just a title")
    func quotedScalarsAreText() throws {
        let plan = Self.header + """
            departments:
              vp: {name: "Văn phòng: HĐND & UBND", email: vp@example.gov.vn}
            tasks:
              - {id: a, title: "07:30 – giao ban", owner: vp, due: hop}
            """
        let loaded = try Self.load(plan).plans[0].plan
        #expect(loaded.departments[0].name == "Văn phòng: HĐND & UBND")
        #expect(loaded.tasks[0].title == "07:30 – giao ban")
    }
}

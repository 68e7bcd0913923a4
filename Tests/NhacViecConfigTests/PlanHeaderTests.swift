import NhacViecConfig
import NhacViecCore
import Testing

/// The plan's number, issue date, signer and `title-case`, a department's `external`, an event's `name` and `number`,
/// and a task's `title-case`.
struct PlanHeaderTests {
    static let header = "  id: a\n  title: Kế hoạch\n  admin: vp@example.gov.vn"

    static func load(_ plan: String) throws -> Plan {
        let source = MemoryConfigurationSource(files: [CheckDiagnosticsTests.main: CheckDiagnosticsTests.mainText,
                                                       CheckDiagnosticsTests.planFile: plan])
        return try ConfigurationLoader(source: source).load(mainFile: CheckDiagnosticsTests.main).plans[0].plan
    }

    @Test("number, issued, signer, external, an event's name and title-case are read into the plan")
    func read() throws {
        let text = """
            plan:
            \(Self.header)
              number: 05/2025/KH-UBND
              issued: 2025-12-01
              signer: TM. UBND phường, Chủ tịch Nguyễn Văn A
              title-case: keep
            events:
              conference: {date: 2025-12-19, name: tổ chức Hội nghị}
              conclusion: {date: 2025-12-26, name: ban hành Thông báo kết luận, number: 45/TB-UBND}
            departments:
              vp: {name: Văn phòng, email: vp@example.gov.vn}
              mttq: {name: Ủy ban MTTQ, email: mttq@example.gov.vn, external: true}
            tasks:
              - {id: t, title: Hội nghị sơ kết, owner: [vp, mttq], due: conference, title-case: keep}
            """
        let plan = try Self.load(text)
        #expect(plan.number == "05/2025/KH-UBND")
        #expect(plan.issued == LocalDate(iso: "2025-12-01"))
        #expect(plan.signer == "TM. UBND phường, Chủ tịch Nguyễn Văn A")
        #expect(plan.events["conference"]?.name == "tổ chức Hội nghị")
        #expect(plan.departments.map(\.isExternal) == [false, true])
        #expect(plan.tasks[0].keepsTitleCase)
        #expect(plan.keepsTitleCase)
        #expect(plan.events["conclusion"]?.number == "45/TB-UBND" && plan.events["conference"]?.number == nil)
    }

    @Test("a bad value is an error at its position", arguments: [
        ("  number: Số 123", "/etc/nv/plans.d/a.yaml:5:11: error: plan number must be the plan's number and symbol (số, ký hiệu) like 123/KH-UBND, not 'Số 123'"),
        ("  number: 123", "/etc/nv/plans.d/a.yaml:5:11: error: plan number must be the plan's number and symbol (số, ký hiệu) like 123/KH-UBND, not '123'"),
        ("  number: 123/kh-ubnd", "/etc/nv/plans.d/a.yaml:5:11: error: plan number must be the plan's number and symbol (số, ký hiệu) like 123/KH-UBND, not '123/kh-ubnd'"),
        ("  issued: 01/12/2025", "/etc/nv/plans.d/a.yaml:5:11: error: plan issued date must be a date written YYYY-MM-DD, not '01/12/2025'"),
        ("  signer: [a, b]", "/etc/nv/plans.d/a.yaml:5:11: error: plan signer must be a single value, not a list"),
        ("  title-case: lower", "/etc/nv/plans.d/a.yaml:5:15: error: title-case must be 'keep' (the title starts with a proper noun) or 'auto', not 'lower'"),
    ])
    func badHeader(line: String, expected: String) {
        let plan = CheckDiagnosticsTests.plan(tasks: CheckDiagnosticsTests.goodTask, header: Self.header + "\n" + line)
        #expect(CheckDiagnosticsTests.diagnostics(plan: plan) == [expected])
    }

    @Test("external must be true or false, and title-case keep or auto")
    func badFlags() {
        let external = CheckDiagnosticsTests.plan(
            tasks: CheckDiagnosticsTests.goodTask,
            departments: "  vp: {name: Văn phòng, email: vp@example.gov.vn, external: yes}")
        #expect(CheckDiagnosticsTests.diagnostics(plan: external)
                == ["/etc/nv/plans.d/a.yaml:9:61: error: department 'vp' external must be true or false, not 'yes'"])
        let titleCase = CheckDiagnosticsTests.plan(tasks: "  - {id: t, title: Việc, owner: vp, due: conference, title-case: lower}")
        #expect(CheckDiagnosticsTests.diagnostics(plan: titleCase)
                == ["/etc/nv/plans.d/a.yaml:11:66: error: title-case must be 'keep' (the title starts with a proper noun) or 'auto', not 'lower'"])
    }
}

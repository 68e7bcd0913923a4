import NhacViecConfig
import NhacViecCore
import Testing
import TestSupport

/// The long form of an event, `until` on overdue and escalate, and the tentative-date warning.
struct EventFormTests {
    static let main = "/etc/nv/nhacviec.yaml"
    static let planFile = "/etc/nv/plans.d/a.yaml"

    static func load(events: String, task: String = "{id: a, title: A, owner: vp, due: hop - 2d}") throws -> Configuration {
        let plan = """
            plan: {id: a, title: T, admin: a@example.gov.vn}
            events:
            \(events)
            departments:
              vp: {name: Văn phòng, email: vp@example.gov.vn}
            tasks:
              - \(task)

            """
        let source = MemoryConfigurationSource(files: [main: "plans: plans.d\n", planFile: plan])
        return try ConfigurationLoader(source: source).load(mainFile: main)
    }

    static func diagnostics(events: String, task: String = "{id: a, title: A, owner: vp, due: hop - 2d}") -> [String] {
        do {
            return try load(events: events, task: task).warnings.map(\.description)
        } catch let error as ConfigurationError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("the flow long form carries date, tentative, time and place")
    func flowLongForm() throws {
        let plan = try Self.load(events: #"  hop: {date: 2025-12-19, tentative: true, time: "14:00", place: "Hội trường UBND phường"}"#).plans[0].plan
        #expect(plan.events["hop"] == PlanEvent(date: Fixtures.date("2025-12-19"), isTentative: true,
                                                time: TimeOfDay(hour: 14, minute: 0), place: "Hội trường UBND phường"))
    }

    @Test("a document's event carries its number (số, ký hiệu), in either long form")
    func eventNumber() throws {
        let plan = try Self.load(events: "  hop: 2025-12-19\n  ket-luan: {date: 2025-12-26, number: 45/TB-UBND}\n"
                                 + "  sau:\n    date: tbd\n    number: 07/2026/TB-UBND").plans[0].plan
        #expect(plan.events["ket-luan"] == PlanEvent(date: Fixtures.date("2025-12-26"), number: "45/TB-UBND"))
        #expect(plan.events["sau"] == PlanEvent(date: nil, number: "07/2026/TB-UBND"))
        #expect(plan.events["hop"]?.number == nil)
    }

    @Test("the block long form reads like the flow one, and tbd stays allowed in it")
    func blockLongForm() throws {
        let plan = try Self.load(events: "  hop:\n    date: 2025-12-19\n    place: Nhà văn hóa\n  sau:\n    date: TBD").plans[0].plan
        #expect(plan.events["hop"] == PlanEvent(date: Fixtures.date("2025-12-19"), place: "Nhà văn hóa"))
        #expect(plan.events["sau"] == .tbd)
    }

    @Test("each mistake in a long form is an error at its place", arguments: [
        ("  hop: {date: 2025-12-19, tentativ: true}", "/etc/nv/plans.d/a.yaml:3:27: error: unknown key 'tentativ' in event 'hop'; did you mean 'tentative'?"),
        ("  hop: {date: 2025-12-19, time: 2pm}", "/etc/nv/plans.d/a.yaml:3:33: error: event 'hop' time must be a time of day written HH:MM (24-hour, quoted), not '2pm'"),
        ("  hop: {date: 2025-12-19, place: \"\"}", "/etc/nv/plans.d/a.yaml:3:34: error: event 'hop' place must not be empty"),
        ("  hop: {date: 2025-12-19, tentative: yes}", "/etc/nv/plans.d/a.yaml:3:38: error: event 'hop' tentative must be true or false, not 'yes'"),
        ("  hop: {date: tbd, tentative: true}", "/etc/nv/plans.d/a.yaml:3:31: error: event 'hop' cannot be tentative while its date is tbd: give a provisional date, or drop 'tentative'"),
        ("  hop: {place: Nhà văn hóa}", "/etc/nv/plans.d/a.yaml:3:8: error: event 'hop' is missing 'date' (YYYY-MM-DD or tbd)"),
        ("  hop: {date: 2025-12-19, number: Số 45}", "/etc/nv/plans.d/a.yaml:3:35: error: event 'hop' number must be the document's number and symbol (số, ký hiệu) like 45/TB-UBND, not 'Số 45'"),
        ("  hop: {date: 2025-12-19, number: 45/tb}", "/etc/nv/plans.d/a.yaml:3:35: error: event 'hop' number must be the document's number and symbol (số, ký hiệu) like 45/TB-UBND, not '45/tb'"),
        ("  hop: {date: 2025-12-19, number: [1, 2]}", "/etc/nv/plans.d/a.yaml:3:35: error: event 'hop' number must be a single value, not a list"),
    ])
    func longFormMistakes(events: String, expected: String) {
        // The first error is the one at fault; an event left unread also makes its tasks' `due` undefined.
        #expect(Self.diagnostics(events: events).first == expected)
    }

    @Test("check warns, without failing, about a tentative date that tasks count from")
    func tentativeWarning() throws {
        let configuration = try Self.load(events: "  hop: {date: 2025-12-19, tentative: true}")
        #expect(configuration.warnings.filter { $0.severity == .warning }.map(\.description) == [
            "/etc/nv/plans.d/a.yaml:3:3: warning: the date of 'hop' is tentative (dự kiến); 1 task depends on it",
        ])
    }

    @Test("until on overdue and escalate names an event, and a misspelt one is an error with a suggestion")
    func untilIsRead() throws {
        let task = "{id: a, title: A, owner: vp, due: hop - 2d, overdue: {every: 1wd, times: 3, until: hop}, escalate: {after: 1wd, to: vp, until: hop}}"
        let plan = try Self.load(events: "  hop: 2025-12-19", task: task).plans[0].plan
        #expect(plan.tasks[0].overdue?.until == "hop")
        #expect(plan.tasks[0].escalate?.until == "hop")
        let wrong = "{id: a, title: A, owner: vp, due: hop, overdue: {every: 1wd, times: 3, until: hopp}}"
        #expect(Self.diagnostics(events: "  hop: 2025-12-19", task: wrong).contains(
            "/etc/nv/plans.d/a.yaml:7:83: error: overdue until refers to undefined event 'hopp'; did you mean 'hop'? (known events: hop)"))
    }
}

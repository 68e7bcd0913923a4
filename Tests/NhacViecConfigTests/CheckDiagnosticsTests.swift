import NhacViecConfig
import NhacViecCore
import Testing

/// Each problem `nhacviec check` must catch, with its exact file, line and column.
struct CheckDiagnosticsTests {
    static let main = "/etc/nv/nhacviec.yaml"
    static let planFile = "/etc/nv/plans.d/a.yaml"
    static let mainText = """
        mail:
          from: "Nhắc việc <nv@example.gov.vn>"
        plans: plans.d
        """

    static func plan(tasks: String, departments: String = "  vp: {name: Văn phòng, email: vp@example.gov.vn}",
                     header: String = "  id: a\n  title: Kế hoạch\n  admin: vp@example.gov.vn") -> String {
        """
        plan:
        \(header)
        events:
          conference: 2025-12-19
          conclusion: tbd
        departments:
        \(departments)
        tasks:
        \(tasks)
        """
    }

    static func diagnostics(plan: String, main: String = mainText) -> [String] {
        let source = MemoryConfigurationSource(files: [Self.main: main, planFile: plan])
        do {
            _ = try ConfigurationLoader(source: source).load(mainFile: Self.main)
            return []
        } catch let error as ConfigurationError {
            return error.diagnostics.filter { $0.severity == .error }.map(\.description)
        } catch {
            return ["unexpected \(error)"]
        }
    }

    static let goodTask = "  - {id: t, title: Việc, owner: vp, due: conference - 7d}"

    @Test("a valid plan has no errors")
    func validPlanPasses() {
        #expect(Self.diagnostics(plan: Self.plan(tasks: Self.goodTask)).isEmpty)
    }

    @Test("each problem is reported at its file, line and column", arguments: [
        ("  - {id: t, title: Việc, owner: vp, due: conference - 7d, remnd: [1wd]}",
         "/etc/nv/plans.d/a.yaml:11:59: error: unknown key 'remnd' in a task; did you mean 'remind'?"),
        ("  - {id: t, title: Việc, owner: vp, due: conference - 7x}",
         "/etc/nv/plans.d/a.yaml:11:42: error: offset '7x' in due must be a number of days like '7d' or of working days like '15wd'"),
        ("  - {id: t, title: Việc, owner: vp, due: conferense - 7d}",
         "/etc/nv/plans.d/a.yaml:11:42: error: due refers to undefined event 'conferense'; did you mean 'conference'? (known events: conclusion, conference)"),
        ("  - {id: t, title: Việc, owner: vpp, due: conference}",
         "/etc/nv/plans.d/a.yaml:11:33: error: owner 'vpp' is not a department of this plan; did you mean 'vp'?"),
        ("  - {id: t, title: Việc, owner: vp, due: 2025-02-30}",
         "/etc/nv/plans.d/a.yaml:11:42: error: due '2025-02-30' is not a valid date (write YYYY-MM-DD; event names start with a letter)"),
        ("  - {id: t, title: \"Việc\\r\\nBcc: x@y.vn\", owner: vp, due: conference}",
         "/etc/nv/plans.d/a.yaml:11:20: error: task title must be on one line: it goes into a mail header, where a line break could add headers"),
        ("  - {id: t, title: Việc, owner: vp, due: conference, overdue: {every: 0wd, times: 3}}",
         "/etc/nv/plans.d/a.yaml:11:71: error: overdue every must be at least one day; 0 would send every reminder at once"),
        ("  - {id: t, title: Việc, owner: vp, due: conference, remind: [1wd, 1wd]}",
         "/etc/nv/plans.d/a.yaml:11:68: error: remind lists '1wd' twice"),
        ("  - {id: t, title: Việc, owner: vp, due: conference, shift: erlier}",
         "/etc/nv/plans.d/a.yaml:11:61: error: shift must be 'earlier', 'later' or 'none', not 'erlier'; did you mean 'earlier'?"),
        ("  - {id: t, title: [Việc], owner: vp, due: conference}",
         "/etc/nv/plans.d/a.yaml:11:20: error: task title must be a single value, not a list"),
        ("\(goodTask)\n\(goodTask)",
         "/etc/nv/plans.d/a.yaml:12:10: error: duplicate task id 't' (first defined on line 11)"),
        ("  - {id: t, title: Việc, owner: vp, due: conference, escalate: {after: 2wd, to: [boss]}}",
         "/etc/nv/plans.d/a.yaml:11:82: error: escalation target 'boss' is not a department of this plan"),
        ("  - {id: t, title: Việc, owner: vp, due: conference\n  - oops",
         "/etc/nv/plans.d/a.yaml:13:1: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping)"),
    ])
    func taskProblem(task: String, expected: String) {
        #expect(Self.diagnostics(plan: Self.plan(tasks: task)) == [expected])
    }

    @Test("a malformed address and a bad zone are reported where they are written")
    func addressAndZone() {
        let plan = Self.plan(tasks: Self.goodTask, departments: "  vp: {name: Văn phòng, email: \"-oQ@x\"}",
                             header: "  id: a\n  title: Kế hoạch\n  timezone: Asia/Hanoi_City\n  admin: vp@example.gov.vn")
        #expect(Self.diagnostics(plan: plan) == [
            "/etc/nv/plans.d/a.yaml:4:13: error: unknown time zone 'Asia/Hanoi_City'; use an IANA name such as Asia/Ho_Chi_Minh",
            "/etc/nv/plans.d/a.yaml:10:32: error: email '-oQ@x' is not a valid mail address (expected name@domain)",
        ])
    }

    @Test("every problem is reported, not just the first")
    func allProblemsReported() {
        let tasks = "  - {id: t, title: Việc, owner: nobody, due: conference - 7x}\n  - {id: u, title: Việc, owner: vp, due: later}"
        #expect(Self.diagnostics(plan: Self.plan(tasks: tasks)).count == 3)
    }

    @Test("the main file's problems point into the main file")
    func mainFileProblems() {
        let main = "mail:\n  from: nv@example.gov.vn\n  sendmail: sendmail -t\nplans: plans.d\ncatch-up-limit: 7 days\n"
        #expect(Self.diagnostics(plan: Self.plan(tasks: Self.goodTask), main: main) == [
            "/etc/nv/nhacviec.yaml:3:13: error: sendmail must start with an absolute path, like /usr/sbin/sendmail -oi",
            "/etc/nv/nhacviec.yaml:3:13: error: sendmail must not use -t: recipients are passed after --",
            "/etc/nv/nhacviec.yaml:5:17: error: catch-up-limit must be a duration like 90s, 5m, 2h or 7d, not '7 days'",
        ])
    }

    @Test("calendar-dir is a directory, taken from the main file's directory when relative, and reported where written")
    func calendarDirectory() throws {
        let bad = "mail:\n  from: nv@example.gov.vn\nplans: plans.d\ncalendar-dir: /srv/lich/a.ics\ncalendar-dirs: x\n"
        #expect(Self.diagnostics(plan: Self.plan(tasks: Self.goodTask), main: bad) == [
            "/etc/nv/nhacviec.yaml:5:1: error: unknown key 'calendar-dirs' in the main file; did you mean 'calendar-dir'?",
            "/etc/nv/nhacviec.yaml:4:15: error: calendar-dir must be a directory, such as /var/cache/nhacviec/calendar, not '/srv/lich/a.ics'",
        ])
        let empty = "plans: plans.d\ncalendar-dir:\n"
        #expect(Self.diagnostics(plan: Self.plan(tasks: Self.goodTask), main: empty).first?.hasPrefix("/etc/nv/nhacviec.yaml:2:") == true)
        for (text, expected) in [("calendar-dir: lich\n", "/etc/nv/lich"), ("calendar-dir: /var/cache/nhacviec/calendar\n", "/var/cache/nhacviec/calendar"),
                                 ("", nil)] {
            let source = MemoryConfigurationSource(files: [Self.main: Self.mainText + "\n" + text, Self.planFile: Self.plan(tasks: Self.goodTask)])
            #expect(try ConfigurationLoader(source: source).load(mainFile: Self.main).settings.calendarDirectory == expected)
        }
    }

    @Test("a day that depends on a computed holiday gives a warning, not an error")
    func provisionalWarning() throws {
        let plan = Self.plan(tasks: "  - {id: t, title: Việc, owner: vp, due: 2027-02-08}")
        let source = MemoryConfigurationSource(files: [Self.main: Self.mainText, Self.planFile: plan])
        let configuration = try ConfigurationLoader(source: source).load(mainFile: Self.main)
        let warning = try #require(configuration.warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.line == 11 && warning.column == 42)
        #expect(warning.message.contains("provisional holidays"))
        #expect(warning.message.contains("2027"))
    }
}

import NhacViecCore

/// Checks what a task refers to (owners, events, escalation targets) while its nodes are at hand.
struct PlanReferenceChecker {
    let reader: NodeReader
    private let departments: Set<String>
    private let departmentList: [String]
    private let events: [String: PlanEvent]
    private let eventNames: [String]
    private let plan: Plan

    /// The computed holidays alone: enough to tell whether a due day lands inside the years they cover, or whether a
    /// recurring rule has an occurrence at all, and built once per process rather than per plan.
    static let planner = ReminderPlanner(calendar: WorkingCalendar())

    init(reader: NodeReader, plan: Plan) {
        self.reader = reader
        self.plan = plan
        departmentList = plan.departments.map(\.id)
        departments = Set(departmentList)
        events = plan.events
        eventNames = plan.events.keys.sorted()
    }

    func checkDepartment(_ node: Node, _ id: String, what: String) {
        guard !departments.contains(id) else { return }
        reader.error(node, "\(what) '\(id)' is not a department of this plan\(KeySuggestion.hint(for: id, among: departmentList))")
    }

    func checkEvent(_ node: Node, _ rule: DueRule) {
        guard let event = rule.event else { return }
        checkEvent(node, event, what: "due")
    }

    /// Reports an event name that the plan does not define, with the nearest one and the list; true when it is defined.
    @discardableResult
    func checkEvent(_ node: Node, _ event: String, what: String) -> Bool {
        guard events[event] == nil else { return true }
        let known = eventNames.isEmpty ? "no events are defined" : "known events: \(eventNames.joined(separator: ", "))"
        reader.error(node, "\(what) refers to undefined event '\(event)'\(KeySuggestion.hint(for: event, among: eventNames)) (\(known))")
        return false
    }

    /// A due day derived far outside the calendar (`conference + 9999wd`) would be counted without holidays.
    func checkDueDay(_ node: Node, _ task: PlanTask) {
        guard case .due(let day) = Self.planner.timing(of: task, in: plan) else { return }
        let years = StatutoryHolidays.firstYear...StatutoryHolidays.lastYear
        guard !years.contains(day.year) else { return }
        reader.error(node, "due day \(day.iso) is outside the supported years \(years.lowerBound)-\(years.upperBound), which the working-day calendar covers")
    }
}

import Foundation

/// Where a petition stands in the report sent upward.
public enum PetitionState: String, Sendable, Hashable, CaseIterable {
    /// Answered on or before its deadline.
    case answeredOnTime = "answered-on-time"
    /// Answered, after its deadline (judged by the answer's date).
    case answeredLate = "answered-late"
    /// Not answered, deadline not passed.
    case pending
    /// Not answered, deadline passed.
    case overdue
    /// Not answered, and its deadline waits for an event still `tbd` (the Conclusion Notice).
    case waiting

    /// How the office's annex says it.
    public var vietnamese: String {
        switch self {
        case .answeredOnTime: return "Đã trả lời đúng hạn"
        case .answeredLate: return "Đã trả lời quá hạn"
        case .pending: return "Đang giải quyết, chưa đến hạn"
        case .overdue: return "Quá hạn, chưa trả lời"
        case .waiting: return "Chờ Thông báo kết luận"
        }
    }
}

/// The report of a plan's petitions: one row each, then the totals per department.
public struct PetitionReport: Sendable {
    /// One petition's line.
    public struct Row: Sendable, Hashable {
        public var petition: Petition
        /// Its due day, or the event it waits for.
        public var timing: TaskTiming
        public var state: PetitionState
        /// The number of the answering document, when recorded.
        public var answerRef: String?
        /// The answer's date.
        public var answeredOn: LocalDate?
        /// Working days after the deadline: of the answer, or (unanswered) up to the report's day; nil while waiting.
        public var workingDaysLate: Int?
    }

    /// One department's totals.
    public struct Total: Sendable, Hashable {
        public var department: String
        public var count: Int
        public var answeredOnTime: Int
        public var answeredLate: Int
        public var pending: Int
        public var overdue: Int
        public var waiting: Int

        /// Creates a department's totals.
        public init(department: String, count: Int, answeredOnTime: Int, answeredLate: Int, pending: Int, overdue: Int, waiting: Int) {
            self.department = department
            self.count = count
            self.answeredOnTime = answeredOnTime
            self.answeredLate = answeredLate
            self.pending = pending
            self.overdue = overdue
            self.waiting = waiting
        }
    }

    public var rows: [Row]
    /// Each department's name by id, for the annex sent upward, which names departments as people read them.
    public var departmentNames: [String: String]
    /// Each event's `name` by id (`ban hành Thông báo kết luận`), for saying what a waiting deadline waits for.
    public var eventNames: [String: String]

    /// The rows of `petitions` (tasks of `plan`) as of `today`, from the ledger's completions.
    public init(plan: Plan, petitions: [Petition], calendar: WorkingCalendar, completions: [TaskKey: [Completion]],
                today: LocalDate) {
        departmentNames = Dictionary(plan.departments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        eventNames = plan.events.compactMapValues(\.name)
        let planner = ReminderPlanner(calendar: calendar)
        let tasks = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        rows = petitions.map { petition in
            let key = TaskKey(planID: plan.id, taskID: petition.taskID)
            let task = tasks[petition.taskID]
            let timing = task.map { planner.timing(of: $0, in: plan) } ?? .waiting(event: "")
            let recorded = completions[key] ?? []
            let owners = task?.owners ?? [petition.department]
            let answer = recorded.doneOwners.isComplete(owners: owners) ? recorded.last : nil
            let answeredOn = answer.map { $0.answeredOn ?? LocalInstant.day(of: $0.doneAt, zone: plan.timeZone) }
            let state: PetitionState
            var late: Int?
            switch (timing, answeredOn) {
            case (.waiting, .some):
                state = .answeredOnTime
                late = 0
            case (.waiting, nil):
                state = .waiting
            // A petition's deadline cannot recur (`check` rejects it in `han`); were one to, it has no day to miss.
            case (.recurring, .some):
                state = .answeredOnTime
                late = 0
            case (.recurring, nil):
                state = .pending
            case (.due(let day), .some(let answered)):
                late = max(0, calendar.workingDays(from: day, to: answered))
                state = answered > day ? .answeredLate : .answeredOnTime
            case (.due(let day), nil):
                late = max(0, calendar.workingDays(from: day, to: today))
                state = today > day ? .overdue : .pending
            }
            return Row(petition: petition, timing: timing, state: state, answerRef: answer?.ref, answeredOn: answeredOn,
                       workingDaysLate: late)
        }
    }

    /// The totals per department, in the order departments first appear.
    public var totals: [Total] {
        var order: [String] = []
        var totals: [String: Total] = [:]
        for row in rows {
            let id = row.petition.department
            if totals[id] == nil {
                order.append(id)
                totals[id] = Total(department: id, count: 0, answeredOnTime: 0, answeredLate: 0, pending: 0, overdue: 0, waiting: 0)
            }
            totals[id]!.count += 1
            switch row.state {
            case .answeredOnTime: totals[id]!.answeredOnTime += 1
            case .answeredLate: totals[id]!.answeredLate += 1
            case .pending: totals[id]!.pending += 1
            case .overdue: totals[id]!.overdue += 1
            case .waiting: totals[id]!.waiting += 1
            }
        }
        return order.compactMap { totals[$0] }
    }
}

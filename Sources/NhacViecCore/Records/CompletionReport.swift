import Foundation

/// A report that a department's part of a task (or the whole task) is done, as a reply by mail or
/// `nhacviec done` brings it, and the rule for recording it.
///
/// The rule: the first report records the completion. A later report changes it only when it brings new
/// information: a document number, or an answer date, that the record lacks or states otherwise. A plain
/// repeat changes nothing, so a department that answers twice is acknowledged once.
public struct CompletionReport: Sendable, Hashable {
    /// The task.
    public var task: TaskKey
    /// The department reporting; nil for the whole task (a legacy form: `done` now reports per owner).
    public var department: String?
    /// When it was reported.
    public var at: Date
    /// Who reported it: a name, or the address a reply came from.
    public var by: String?
    /// A free note.
    public var note: String?
    /// The number of the answering document, when the report gives one.
    public var ref: String?
    /// The answering document's date, when the report states one.
    public var answeredOn: LocalDate?
    /// The local day of the report: the answer's date when none is stated.
    public var today: LocalDate

    /// Creates a report.
    public init(task: TaskKey, department: String?, at: Date, by: String?, note: String? = nil, ref: String? = nil,
                answeredOn: LocalDate? = nil, today: LocalDate) {
        self.task = task
        self.department = department
        self.at = at
        self.by = by
        self.note = note
        self.ref = ref
        self.answeredOn = answeredOn
        self.today = today
    }

    /// What recording this report does to the existing completion of its department (or of the whole task).
    public func merged(into existing: Completion?) -> CompletionChange {
        guard var record = existing else {
            return .recorded(Completion(task: task, department: department, doneAt: at, doneBy: by, note: note, ref: ref,
                                        answeredOn: answeredOn ?? today))
        }
        let newRef = ref.map { $0 != record.ref } ?? false
        let newDate = answeredOn.map { $0 != record.answeredOn } ?? false
        guard newRef || newDate else { return .unchanged(record) }
        if newRef { record.ref = ref }
        if newDate { record.answeredOn = answeredOn }
        if let note { record.note = note }
        return .updated(record)
    }
}

/// What recording a `CompletionReport` did.
public enum CompletionChange: Sendable, Hashable {
    /// A new completion was recorded.
    case recorded(Completion)
    /// An existing completion took the report's new document number or date.
    case updated(Completion)
    /// The report repeated what was recorded; nothing changed.
    case unchanged(Completion)

    /// The completion as it stands after the report.
    public var completion: Completion {
        switch self {
        case .recorded(let completion), .updated(let completion), .unchanged(let completion): return completion
        }
    }

    /// Whether the ledger changed.
    public var changed: Bool {
        if case .unchanged = self { return false }
        return true
    }
}

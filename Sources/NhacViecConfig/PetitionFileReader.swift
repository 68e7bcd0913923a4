import NhacViecCore

/// Reads a petitions file (`petitions-for: PLAN`, `defaults:`, `petitions:`) into tasks of its plan.
struct PetitionFileReader {
    static let topKeys = ["petitions-for", "defaults", "petitions"]
    static let defaultsKeys = ["remind", "overdue", "escalate", "shift"]
    static let petitionKeys = ["so", "noi-dung", "nguoi-kien-nghi", "don-vi", "han"]
    /// Reminders before a petition's deadline when `defaults` does not say.
    static let defaultRemind = [Offset(5, .workingDays), Offset(2, .workingDays), Offset(1, .workingDays), Offset(0, .days)]

    let reader: NodeReader

    /// Whether a parsed file is a petitions file rather than a plan: it has `petitions-for`.
    static func isPetitionsFile(_ root: Node) -> Bool {
        guard case .mapping(let mapping) = root else { return false }
        return mapping.value(forKey: "petitions-for") != nil
    }

    /// The plan id the file names, with its node.
    func planID(_ root: Node) -> (id: String, node: Node)? {
        guard case .mapping(let mapping) = root, let node = mapping.value(forKey: "petitions-for"),
              let id = reader.text(node, "petitions-for") else { return nil }
        return (id, node)
    }

    /// The tasks of the petitions and the petitions themselves, for `plan` (with only its own tasks).
    func read(_ root: Node, plan: Plan) -> (tasks: [PlanTask], loaded: LoadedPetitions) {
        let top = reader.mapping(root, "the petitions file", known: Self.topKeys)
        let checker = PlanReferenceChecker(reader: reader, plan: plan)
        let policyReader = TaskPolicyReader(reader: reader, checker: checker)
        var policy = TaskPolicy(remind: Self.defaultRemind)
        var shift: Shift?
        let defaults = reader.mapping(top["defaults"]?.value, "'defaults'", known: Self.defaultsKeys)
        if let node = defaults["remind"]?.value { policy.remind = policyReader.remind(node) }
        if let node = defaults["overdue"]?.value { policy.overdue = policyReader.overdue(node) }
        if let node = defaults["escalate"]?.value { policy.escalate = policyReader.escalate(node) }
        if let node = defaults["shift"]?.value {
            shift = reader.shift(node, recurring: false, whyNoSkip: "a petition is answered once and has none to drop")
        }
        var loaded = LoadedPetitions(file: reader.file, petitions: [], dueMarks: [])
        guard let list = top["petitions"]?.value else {
            reader.error(root, "missing 'petitions:' list (each: so, noi-dung, nguoi-kien-nghi, don-vi, han)")
            return ([], loaded)
        }
        guard case .sequence(let items) = list else {
            if case .scalar(let scalar) = list, scalar.string == "[]" || scalar.string.isEmpty { return ([], loaded) }
            reader.error(list, "'petitions' must be a list of petitions, each starting with '- so:'")
            return ([], loaded)
        }
        let taskReader = TaskReader(reader: reader, defaults: policy, checker: checker)
        let planTasks = Dictionary(plan.tasks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let owners = SharedLists()
        var firstLine: [Int: Int] = [:]
        var tasks: [PlanTask] = []
        tasks.reserveCapacity(items.count)
        for item in items {
            let fields = reader.mapping(item, "a petition", known: Self.petitionKeys)
            guard case .mapping = item else { continue }
            for key in ["so", "noi-dung", "don-vi", "han"] where fields[key] == nil {
                reader.error(item, "petition is missing '\(key)'")
            }
            let number = reader.integer(fields["so"]?.value, "petition number (so)", range: 1...Petition.maximumNumber)
            if let number, let node = fields["so"]?.value {
                if let line = firstLine[number] {
                    reader.error(node, "duplicate petition number \(number) (first on line \(line))")
                } else {
                    firstLine[number] = node.mark?.line ?? 0
                    if planTasks[Petition.taskID(number)] != nil {
                        reader.error(node, "petition \(number) would be task '\(Petition.taskID(number))', which plan '\(plan.id)' already has; rename that task or renumber the petition")
                    }
                }
            }
            let content = reader.text(fields["noi-dung"]?.value, "noi-dung", controls: .tabsAndLineBreaks)
            let raisedBy = fields["nguoi-kien-nghi"].flatMap { pair -> String? in
                if case .scalar(let scalar) = pair.value, scalar.style == .quoted, scalar.string.isEmpty { return "" }
                return reader.text(pair.value, "nguoi-kien-nghi", controls: .tabsAndLineBreaks)
            } ?? ""
            var department: String?
            if let node = fields["don-vi"]?.value, let id = reader.text(node, "don-vi") {
                checker.checkDepartment(node, id, what: "don-vi")
                department = id
            }
            let dueNode = fields["han"]?.value
            let due = dueNode.flatMap { taskReader.dueRule($0, what: "han", allowsRecurrence: false) }
            guard let number, let content, let department, let due, let dueNode,
                  let dueText = reader.text(dueNode, "han") else { continue }
            let petition = Petition(number: number, content: content, raisedBy: raisedBy, department: department,
                                    due: DueRuleParser.trimmed(dueText))
            let task = PlanTask(id: petition.taskID, title: petition.title, description: petition.taskDescription,
                                owners: owners.owners([department]), due: due, shift: shift, remind: policy.remind,
                                overdue: policy.overdue, escalate: policy.escalate, petition: petition)
            checker.checkDueDay(dueNode, task)
            loaded.petitions.append(petition)
            loaded.dueMarks.append(SourcePosition(dueNode.mark))
            tasks.append(task)
        }
        return (tasks, loaded)
    }
}

import Foundation
import NhacViecCore

/// Reads one plan file into a `Plan`, collecting every problem with its line and column.
struct PlanFileReader {
    static let topKeys = ["plan", "defaults", "events", "departments", "tasks", "templates"]
    static let planKeys = ["id", "title", "authority", "number", "issued", "signer", "timezone", "send-at", "admin", "digest",
                           "title-case"]
    static let policyKeys = ["remind", "overdue", "escalate"]
    static let departmentKeys = ["name", "email", "cc", "external", "digest"]
    static let digestKeys = ["weekday", "at", "advance"]
    static let taskKeys = ["id", "title", "description", "owner", "due", "shift", "remind", "overdue", "escalate", "title-case", "produces"]
    static let defaultRemind = [Offset(5, .workingDays), Offset(1, .workingDays), Offset(0, .days)]

    let reader: NodeReader

    func read(_ root: Node) -> LoadedPlan? {
        let top = reader.mapping(root, "the plan file", known: Self.topKeys)
        guard let header = top["plan"] else {
            reader.error(root, "missing 'plan:' section (id, title, authority, timezone, send-at, admin)")
            return nil
        }
        var plan = readHeader(header.value)
        let events = EventReader(reader: reader).read(top["events"]?.value)
        plan.events = events.events
        plan.departments = readDepartments(top["departments"]?.value, planDigest: plan.digest, sendAt: plan.sendAt)
        plan.templates = readTemplates(top["templates"]?.value)
        let checker = PlanReferenceChecker(reader: reader, plan: plan)
        let defaults = readDefaults(top["defaults"]?.value, checker: checker)
        var dueMarks: [SourcePosition] = []
        plan.tasks = readTasks(top["tasks"]?.value, defaults: defaults, checker: checker, dueMarks: &dueMarks)
        if top["tasks"] == nil { reader.error(root, "missing 'tasks:' list") }
        return LoadedPlan(plan: plan, file: reader.file, dueMarks: dueMarks, idMark: SourcePosition(header.value.mark),
                          templatesMark: top["templates"].map { SourcePosition($0.key.mark) }, eventMarks: events.marks)
    }

    private func readHeader(_ node: Node) -> Plan {
        let fields = reader.mapping(node, "'plan'", known: Self.planKeys)
        var plan = Plan(id: "", title: "")
        for key in ["id", "title"] where fields[key] == nil { reader.error(node, "missing '\(key)' in 'plan'") }
        plan.id = reader.identifier(fields["id"]?.value, "plan id") ?? ""
        plan.title = reader.name(fields["title"]?.value, "plan title") ?? ""
        plan.authority = fields["authority"].flatMap { reader.name($0.value, "authority") } ?? ""
        if let node = fields["title-case"]?.value, let text = reader.text(node, "title-case") {
            switch text {
            case "keep": plan.keepsTitleCase = true
            case "auto": plan.keepsTitleCase = false
            default: reader.error(node, "title-case must be 'keep' (the title starts with a proper noun) or 'auto', not '\(text)'")
            }
        }
        if let node = fields["number"]?.value, let text = reader.headerText(node, "plan number") {
            if PlanNumber.isValid(text) { plan.number = text } else {
                reader.error(node, "plan number must be the plan's number and symbol (số, ký hiệu) like 123/KH-UBND, not '\(text.debugDescriptionWithoutQuotes)'")
            }
        }
        plan.issued = fields["issued"].flatMap { reader.date($0.value, "plan issued date") }
        plan.signer = fields["signer"].flatMap { reader.name($0.value, "plan signer") }
        if let zoneNode = fields["timezone"]?.value, let zone = reader.text(zoneNode, "timezone") {
            if let resolved = TimeZone(identifier: zone) {
                plan.timeZone = resolved
            } else {
                reader.error(zoneNode, "unknown time zone '\(zone)'; use an IANA name such as Asia/Ho_Chi_Minh")
            }
        }
        if let node = fields["send-at"]?.value, let text = reader.text(node, "send-at") {
            if let time = TimeOfDay(text: text) { plan.sendAt = time } else {
                reader.error(node, "send-at must be a time of day written HH:MM (24-hour, quoted), not '\(text)'")
            }
        }
        plan.admins = reader.list(fields["admin"]?.value, "admin").compactMap { reader.address($0.node, $0.text, "admin address") }
        if fields["admin"] == nil { reader.warning(node, "no 'admin' addresses: failure reports and replies will have nowhere to go") }
        if let node = fields["digest"]?.value { plan.digest = readDigest(node, sendAt: plan.sendAt) ?? nil }
        return plan
    }

    /// `digest: {weekday: monday, at: "07:30", advance: keep}`, each key optional (Monday, the plan's send-at,
    /// keep); `digest: none` turns a plan's digest off for one department. Nil (outer) when unreadable,
    /// `.some(nil)` for `none`.
    private func readDigest(_ node: Node, sendAt: TimeOfDay) -> DigestSettings?? {
        if case .scalar(let scalar) = node, scalar.string == "none" { return .some(nil) }
        guard case .mapping = node else {
            reader.error(node, "digest must be a mapping such as {weekday: monday, at: \"07:30\", advance: keep}, or none; not \(reader.describe(node))")
            return nil
        }
        let fields = reader.mapping(node, "'digest'", known: Self.digestKeys)
        var digest = DigestSettings(weekday: 1, at: sendAt, advance: .keep)
        var valid = true
        if let node = fields["weekday"]?.value, let text = reader.text(node, "digest weekday") {
            if let index = DigestSettings.weekdayNames.firstIndex(of: text.lowercased()) { digest.weekday = index + 1 } else {
                reader.error(node, "digest weekday must be one of \(DigestSettings.weekdayNames.joined(separator: ", ")), not '\(text)'"
                             + KeySuggestion.hint(for: text, among: DigestSettings.weekdayNames))
                valid = false
            }
        }
        if let node = fields["at"]?.value, let text = reader.text(node, "digest at") {
            if let time = TimeOfDay(text: text) { digest.at = time } else {
                reader.error(node, "digest at must be a time of day written HH:MM (24-hour, quoted), not '\(text)'")
                valid = false
            }
        }
        if let node = fields["advance"]?.value, let text = reader.text(node, "digest advance") {
            if let advance = DigestAdvance(rawValue: text) { digest.advance = advance } else {
                reader.error(node, "digest advance must be 'keep' or 'drop', not '\(text)'"
                             + KeySuggestion.hint(for: text, among: DigestAdvance.allCases.map(\.rawValue)))
                valid = false
            }
        }
        return valid ? .some(digest) : nil
    }

    private func readDepartments(_ node: Node?, planDigest: DigestSettings?, sendAt: TimeOfDay) -> [Department] {
        if node == nil { return [] }
        return reader.entries(node, "'departments'").compactMap { entry in
            guard Identifier.isValid(entry.name) else {
                reader.error(entry.key, "department id '\(entry.name)' is not valid: \(Identifier.rule)")
                return nil
            }
            let fields = reader.mapping(entry.value, "department '\(entry.name)'", known: Self.departmentKeys)
            if fields["email"] == nil { reader.error(entry.value, "department '\(entry.name)' has no 'email'") }
            if fields["name"] == nil { reader.error(entry.value, "department '\(entry.name)' has no 'name'") }
            let emails = reader.list(fields["email"]?.value, "email").compactMap { reader.address($0.node, $0.text, "email") }
            let cc = reader.list(fields["cc"]?.value, "cc").compactMap { reader.address($0.node, $0.text, "cc address") }
            let name = reader.name(fields["name"]?.value, "department name") ?? entry.name
            var external = false
            if let node = fields["external"]?.value, let flag = reader.text(node, "department '\(entry.name)' external") {
                switch flag {
                case "true": external = true
                case "false": external = false
                default: reader.error(node, "department '\(entry.name)' external must be true or false, not '\(flag.debugDescriptionWithoutQuotes)'")
                }
            }
            // A department's own digest (or `none`) replaces the plan's as a whole.
            let digest = fields["digest"].map { readDigest($0.value, sendAt: sendAt) ?? nil } ?? planDigest
            return Department(id: entry.name, name: name, emails: emails, cc: cc, isExternal: external, digest: digest)
        }
    }

    private func readTemplates(_ node: Node?) -> MailTemplates {
        let fields = reader.mapping(node, "'templates'", known: ["subject", "body"])
        return MailTemplates(subject: reader.headerText(fields["subject"]?.value, "subject template", allowTabs: true),
                             body: reader.text(fields["body"]?.value, "body template", controls: .tabsAndLineBreaks))
    }

    private func readDefaults(_ node: Node?, checker: PlanReferenceChecker) -> TaskPolicy {
        var policy = TaskPolicy(remind: Self.defaultRemind)
        let fields = reader.mapping(node, "'defaults'", known: Self.policyKeys)
        let policyReader = TaskPolicyReader(reader: reader, checker: checker)
        if let node = fields["remind"]?.value { policy.remind = policyReader.remind(node) }
        if let node = fields["overdue"]?.value { policy.overdue = policyReader.overdue(node) }
        if let node = fields["escalate"]?.value { policy.escalate = policyReader.escalate(node) }
        return policy
    }

    private func readTasks(_ node: Node?, defaults: TaskPolicy, checker: PlanReferenceChecker,
                           dueMarks: inout [SourcePosition]) -> [PlanTask] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            reader.error(node, "'tasks' must be a list of tasks, each starting with '- id:'")
            return []
        }
        let taskReader = TaskReader(reader: reader, defaults: defaults, checker: checker)
        var firstLine: [String: Int] = [:]
        return items.compactMap { item in
            guard let read = taskReader.read(item) else { return nil }
            let task = read.task
            if let line = firstLine[task.id] {
                reader.error(read.idNode, "duplicate task id '\(task.id)' (first defined on line \(line))")
            } else {
                firstLine[task.id] = read.idNode.mark?.line ?? 0
            }
            dueMarks.append(SourcePosition(read.dueNode.mark))
            return task
        }
    }
}

/// The number and symbol of an administrative document (Nghị định 30/2020/NĐ-CP, Điều 8 and 15), a plan's or an
/// event's such as the Conclusion Notice: a number, a slash, then the symbol's letters, digits and hyphens:
/// `123/KH-UBND`, `05/2025/KH-UBND`, `45/TB-UBND`.
enum PlanNumber {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count <= 3, text.count <= 64,
              let first = parts.first, !first.isEmpty, first.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.first != "-" && part.last != "-"
                && part.allSatisfy { $0 == "-" || $0 == "." || $0.isNumber || ($0.isLetter && $0.isUppercase) }
        } && parts.last!.contains(where: \.isLetter)
    }
}

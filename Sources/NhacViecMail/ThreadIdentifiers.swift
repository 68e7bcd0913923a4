import NhacViecCore

/// Message-IDs derived from an instance alone, so a retry or a restart sends the same id and every reminder
/// of one task threads under the same root in the recipients' mail clients.
struct ThreadIdentifiers {
    /// The right-hand side of every id: the envelope sender's domain, which we are entitled to mint ids in.
    let domain: String

    /// `<KIND.YYYYMMDD.TASK.PLAN@DOMAIN>`: one id per reminder, stable across attempts; a department's own
    /// copy adds its id, `<KIND.YYYYMMDD.TASK.PLAN.DEPARTMENT@DOMAIN>`, so each copy is unique and stable too.
    func messageID(_ instance: ReminderInstance, department: String? = nil) -> String {
        let suffix = department.map { ".\($0)" } ?? ""
        return "<\(instance.kind.rawValue).\(compact(instance.day)).\(instance.taskID).\(instance.planID)\(suffix)@\(domain)>"
    }

    /// `<TASK.PLAN@DOMAIN>`: the thread's root, never sent itself, referred to by every reminder of the task.
    func threadRoot(_ instance: ReminderInstance) -> String {
        "<\(instance.taskID).\(instance.planID)@\(domain)>"
    }

    /// `<failed.KIND.YYYYMMDD.TASK.PLAN@DOMAIN>`: the report that a reminder could not be delivered.
    func failureReportID(_ instance: ReminderInstance) -> String {
        "<failed.\(instance.kind.rawValue).\(compact(instance.day)).\(instance.taskID).\(instance.planID)@\(domain)>"
    }

    private func compact(_ day: LocalDate) -> String {
        day.iso.filter { $0 != "-" }
    }
}

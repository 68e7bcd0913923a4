import NhacViecCore

/// The Vietnamese text of an acknowledgement: what was recorded, for which task of which plan (or, for a petition,
/// of which Conclusion Notice), what follows for the department, and whom to tell if it is wrong.
struct AcknowledgementText {
    let plan: Plan
    let task: PlanTask
    let unitName: String
    let completion: Completion
    /// The owners still to report, by id.
    let remaining: [String]
    /// When the reply was read.
    let at: LocalReading
    /// The reply brought a document number or date to a completion already recorded.
    let updated: Bool
    /// The department's addresses are the plan's admins': it is not told to write to itself.
    let isToAdmins: Bool

    /// `theo Thông báo kết luận số 45/TB-UBND ngày 26/12/2025` for a petition, else `thuộc Kế hoạch …`: tasks
    /// belong to a document, never to the conference.
    var basis: String {
        plan.noticeCitation(for: task).map { "theo " + $0 } ?? "thuộc " + plan.citation
    }

    /// The whole body, footer included.
    var body: String {
        let dateText = completion.ref != nil ? completion.answeredOn.map { " ngày \($0.vietnamese)" } ?? "" : ""
        let refText = completion.ref.map { " (văn bản số \($0)\(dateText))" } ?? ""
        let reply = "theo thư trả lời của \(completion.doneBy ?? "đơn vị") lúc \(VietnameseText.time(at.time)) "
            + "ngày \(at.day.vietnamese)"
        let recorded = updated
            ? "Hệ thống nhắc việc đã cập nhật thông tin \(unitName) hoàn thành nhiệm vụ \(task.titleInSentence) "
                + "\(basis)\(refText), \(reply)."
            : "Hệ thống nhắc việc đã ghi nhận \(unitName) báo cáo hoàn thành nhiệm vụ \(task.titleInSentence) "
                + "\(basis)\(refText), \(reply)."
        var paragraphs = ["Kính gửi: \(unitName)", recorded, outcome]
        if !isToAdmins && !plan.admins.isEmpty {
            paragraphs.append("Nếu ghi nhận này không đúng, đề nghị báo lại cho quản trị kế hoạch "
                              + "(\(plan.admins.joined(separator: ", "))).")
        }
        paragraphs += ["Trân trọng./.", MailFooter.text]
        return paragraphs.joined(separator: "\n\n")
    }

    /// What follows: with one owner, the task is done; with several, whether others are still to report.
    var outcome: String {
        if task.owners.count <= 1 {
            return "Đơn vị đã hoàn thành nhiệm vụ này; hệ thống sẽ không gửi thêm thư nhắc việc về nhiệm vụ này."
        }
        if remaining.isEmpty {
            return "Tất cả các đơn vị phụ trách đã hoàn thành nhiệm vụ này; hệ thống sẽ không gửi thêm thư nhắc việc "
                + "về nhiệm vụ này."
        }
        // `; ` between names, which contain commas (`Phòng Kinh tế, Hạ tầng và Đô thị`).
        let names = remaining.map { plan.department($0)?.name ?? $0 }.joined(separator: "; ")
        return "\(unitName) sẽ không nhận thêm thư nhắc việc về nhiệm vụ này. "
            + "Các đơn vị chưa báo cáo hoàn thành: \(names)."
    }
}

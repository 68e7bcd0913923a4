import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// Every mail the shipped Ba Đồn plan sends from November 2025 to February 2026, with its Conclusion Notice signed
/// (45/TB-UBND, 26/12/2025) and three petitions: reminders, escalations, per-department copies, the Office's digests
/// and acknowledgements, read back with Python's `email` and held to the office's wording.
struct ShippedPlanMailTests {
    static let root = Fixtures.repositoryRoot().appendingPathComponent("config")

    static let petitions = """
        petitions-for: ba-don-2025
        petitions:
          - so: 1
            noi-dung: Đề nghị nâng cấp, thảm nhựa tuyến đường Hùng Vương đoạn qua tổ dân phố 3.
            nguoi-kien-nghi: Tổ dân phố 3
            don-vi: kinh-te
            han: conclusion + 15wd
          - so: 2
            noi-dung: Mương thoát nước dọc đường Quang Trung thường xuyên bị tắc; đề nghị nạo vét, làm nắp đậy.
            nguoi-kien-nghi: ""
            don-vi: kinh-te
            han: conclusion + 10wd
          - so: 18
            noi-dung: Đề nghị công khai lịch tiếp công dân của lãnh đạo UBND phường.
            nguoi-kien-nghi: Ông Nguyễn Văn B, tổ dân phố 5
            don-vi: van-phong
            han: 2026-01-30

        """

    /// The shipped configuration with the Notice signed and the petitions imported, as `scripts/demo` leaves it.
    static func configuration() throws -> Configuration {
        let planPath = root.appendingPathComponent("plans.d/ba-don-2025.yaml").path
        let text = try String(contentsOfFile: planPath, encoding: .utf8)
        let signed = text.replacingOccurrences(of: "conclusion: {date: tbd,",
                                               with: "conclusion: {date: 2025-12-26, number: 45/TB-UBND,")
        #expect(signed != text)
        let source = OverlayConfigurationSource(base: DiskConfigurationSource(), files: [
            planPath: signed, root.appendingPathComponent("plans.d/ba-don-2025.kien-nghi.yaml").path: petitions,
        ])
        return try ConfigurationLoader(source: source).load(mainFile: root.appendingPathComponent("nhacviec.yaml").path)
    }

    /// What was rendered, and for whom.
    struct Rendered {
        var label: String
        var isPetition = false
        var mail: OutgoingMail
    }

    static func everyMail() throws -> (Plan, [Rendered]) {
        let configuration = try configuration()
        let plan = configuration.plans[0].plan
        let calendar = configuration.calendar
        let replying = MessageComposer(from: "Nhắc việc UBND phường Ba Đồn <nhacviec@badon.example.gov.vn>",
                                       envelopeSender: "nhacviec@badon.example.gov.vn",
                                       replyAddress: { _, department in "nhacviec+\(department)@badon.example.gov.vn" })
        var out: [Rendered] = []
        let planner = ReminderPlanner(calendar: calendar)
        for task in plan.tasks {
            for instance in planner.instances(of: task, in: plan) {
                for (mailer, perDepartment) in [(BaDonMail.mailer, false), (replying, true)] {
                    let copies = MailCopy.copies(of: instance, in: plan, done: DoneOwners(),
                                                 perDepartment: perDepartment, calendar: calendar)
                    for copy in copies {
                        let mail = try mailer.render(plan: plan, instance: instance, copy: copy, calendar: calendar,
                                                     now: instance.at, isLate: false)
                        out.append(Rendered(label: "\(instance.key)", isPetition: task.petition != nil, mail: mail))
                    }
                }
            }
            for owner in task.owners {
                let now = Fixtures.instant("2026-01-09T09:00")
                let completion = Completion(task: TaskKey(planID: plan.id, taskID: task.id), department: owner,
                                            doneAt: now, doneBy: "nguoi@badon.example.gov.vn", note: nil)
                out.append(Rendered(label: "ack \(task.id) \(owner)", isPetition: task.petition != nil,
                                    mail: BaDonMail.mailer.acknowledgement(
                                        plan: plan, task: task, department: owner, completion: completion,
                                        remaining: task.owners.filter { $0 != owner }, inReplyTo: nil, now: now)))
            }
        }
        var monday = Fixtures.date("2025-12-01")
        while monday <= Fixtures.date("2026-02-23") {
            let instance = DigestInstance(address: "vanphong@badon.example.gov.vn", day: monday,
                                          at: Fixtures.instant("\(monday.iso)T07:30"), zone: .vietnam)
            let content = DigestContent.make(for: instance, plans: [plan], planner: planner) { _ in DoneOwners() }
            if content.taskCount > 0 {
                out.append(Rendered(label: "digest \(monday.iso)", mail: try BaDonMail.mailer.digest(
                    content, calendar: calendar, now: instance.at, isLate: false)))
            }
            monday = monday.adding(days: 7)
        }
        return (plan, out)
    }

    /// Every mail and what Python reads in it, made once for all the tests of the suite.
    static let all = Result { () throws -> (plan: Plan, rendered: [Rendered], readings: [PythonEmailTests.Reading]) in
        let (plan, rendered) = try everyMail()
        return (plan, rendered, try PythonEmailTests.read(rendered.map(\.mail)))
    }

    @Test("every subject is at most 150 characters as Python counts them, and the mail reads back without defects")
    func subjectsFit() throws {
        let (_, rendered, readings) = try Self.all.get()
        try #require(readings.count == rendered.count && rendered.count > 250)
        for (item, reading) in zip(rendered, readings) {
            #expect(reading.defects.isEmpty, "\(item.label)")
            #expect(reading.subject.unicodeScalars.count <= 150, "\(item.label): \(reading.subject)")
        }
        let longest = readings.map(\.subject).max { $0.unicodeScalars.count < $1.unicodeScalars.count } ?? ""
        #expect(longest.unicodeScalars.count > 120, "the plan has long subjects to cut: \(longest)")
    }

    @Test("no tool, command or identifier reaches a department's mail: they belong in the journal and status")
    func noToolOrIdentifier() throws {
        let (plan, rendered, readings) = try Self.all.get()
        let ids = plan.tasks.map(\.id) + [plan.id]
        for (item, reading) in zip(rendered, readings) {
            for text in [reading.subject, reading.body] {
                #expect(!text.contains("nhacviec"), "\(item.label)")
                #expect(!text.contains("petitions import") && !text.contains("kn-SỐ"), "\(item.label)")
                for id in ids where text.contains(id) { Issue.record("\(item.label) shows the id '\(id)'") }
            }
        }
    }

    @Test("the plan is cited 'Kế hoạch tổ chức … của UBND phường Ba Đồn', a petition's Notice by number and date")
    func citations() throws {
        let (_, rendered, readings) = try Self.all.get()
        let plan = "Kế hoạch tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025 "
            + "của UBND phường Ba Đồn"
        let notice = "Thông báo kết luận số 45/TB-UBND ngày 26/12/2025"
        for (item, reading) in zip(rendered, readings) {
            for wrong in ["Kế hoạch về", "về Kế hoạch", "Kế hoạch: Hội nghị", "thuộc Hội nghị", "Nội dung: Nội dung"] {
                #expect(!reading.body.contains(wrong), "\(item.label): \(wrong)")
            }
            if item.label.hasPrefix("digest") || item.label.hasPrefix("ack") {
                #expect(reading.body.contains(item.isPetition ? notice : plan), "\(item.label)")
            } else if item.isPetition {
                #expect(reading.body.contains("\nCăn cứ \(notice);\n"), "\(item.label)")
            } else {
                #expect(reading.body.contains("\nCăn cứ \(plan);\n"), "\(item.label)")
            }
        }
    }

    @Test("a law is cited in the official form: 'Điều 43 Luật Tổ chức chính quyền địa phương số 72/2025/QH15'")
    func lawCitations() throws {
        let (_, rendered, readings) = try Self.all.get()
        var cited = 0
        for (item, reading) in zip(rendered, readings) {
            for match in reading.body.matches(of: /Luật[^.;)\n]*/) {
                cited += 1
                #expect(match.output.wholeMatch(of: /Luật Tổ chức chính quyền địa phương số 72\/2025\/QH15/) != nil,
                        "\(item.label): \(match.output)")
            }
            #expect(!reading.body.contains("QH15, Điều") && !reading.body.contains("Luật 72"), "\(item.label)")
        }
        #expect(cited > 0, "the plan cites Luật 72/2025/QH15 in cong-khai-ket-qua")
    }

    @Test("deadlines read 'chậm nhất ngày DD/MM/YYYY'; titles follow the plan; the Office is not told to contact it")
    func deadlinesTitlesAndContact() throws {
        let (_, rendered, readings) = try Self.all.get()
        for (item, reading) in zip(rendered, readings) where !item.label.hasPrefix("ack") {
            for text in [reading.subject, reading.body] {
                #expect(text.firstMatch(of: /thứ (Hai|Ba|Tư|Năm|Sáu|Bảy) \d/) == nil && !text.contains("Chủ nhật 2"),
                        "\(item.label): a date reads 'ngày DD/MM/YYYY'")
                #expect(!text.contains("Thời hạn:") && !text.contains("Hạn:") && !text.contains(" so với "),
                        "\(item.label)")
            }
            if !item.label.hasPrefix("digest") {
                #expect(reading.subject.contains(" – chậm nhất ngày "), "\(item.label): \(reading.subject)")
                #expect(reading.body.contains("chậm nhất ngày "), "\(item.label)")
            }
            if reading.to.map({ $0[1] }) == ["vanphong@badon.example.gov.vn"] {
                #expect(!reading.body.contains("báo Văn phòng") && !reading.body.contains("liên hệ"), "\(item.label)")
            }
            if item.label.contains(".giay-moi.") {
                #expect(reading.subject.contains("V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025"),
                        "\(reading.subject)")
            }
        }
    }
}

import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The default mail follows the formulas of Vietnamese administrative writing (Nghị định 30/2020/NĐ-CP).
struct MailStyleTests {
    static let advance = BaDonMail.instance(.advance, "2025-12-05")

    func message(_ instance: ReminderInstance = advance, plan: Plan = BaDonMail.plan, copy: MailCopy? = nil,
                 mailer: MessageComposer = BaDonMail.mailer) throws -> ParsedMessage {
        ParsedMessage(try mailer.render(plan: plan, instance: instance, copy: copy, calendar: BaDonMail.calendar,
                                        now: instance.at, isLate: false).data)
    }

    /// The Ba Đồn plan with a task of its own, reminded on its due day (Friday 19/12/2025, the conference).
    func planWith(_ task: PlanTask, _ change: (inout Plan) -> Void = { _ in }) -> (Plan, ReminderInstance) {
        var plan = BaDonMail.plan
        plan.tasks.append(task)
        change(&plan)
        let instances = ReminderPlanner(calendar: BaDonMail.calendar).instances(of: task, in: plan)
        guard let instance = instances.first(where: { $0.kind == .due }) ?? instances.first else {
            fatalError("task \(task.id) has no reminder")
        }
        return (plan, instance)
    }

    static let supervision = PlanTask(
        id: "giam-sat", title: "Tham dự, theo dõi, giám sát Hội nghị tiếp xúc, đối thoại", owners: ["mttq"],
        due: .relative(event: "conference", direction: .after, offset: Offset(0, .days)), remind: [Offset(0, .days)])

    @Test("an own department is asked to carry out its task and finish on time")
    func ownDepartmentRequest() throws {
        let mail = try message()
        #expect(mail.decoded("Subject") == "[Nhắc việc] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
        #expect(mail.body.contains("\nĐề nghị Văn phòng HĐND và UBND phường thực hiện nhiệm vụ tham mưu Giấy mời Hội nghị đối thoại năm 2025, "
                                   + "hoàn thành chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị).\n"))
        #expect(mail.body.contains("\nTrân trọng./.\n\n-- \nĐây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức.\n"))
    }

    @Test("an external body is asked to cooperate, never given a task or called the unit carrying it out")
    func externalBodyRequest() throws {
        let (plan, instance) = planWith(Self.supervision)
        let mail = try message(instance, plan: plan)
        #expect(mail.decoded("Subject") == "[Đến hạn hôm nay] V/v tham dự, theo dõi, giám sát Hội nghị tiếp xúc, đối thoại – chậm nhất ngày 19/12/2025")
        #expect(mail.body.hasPrefix("Kính gửi: Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội\n"))
        #expect(mail.body.contains("\nKính đề nghị Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội quan tâm, phối hợp "
                                   + "tham dự, theo dõi, giám sát Hội nghị tiếp xúc, đối thoại, chậm nhất ngày 19/12/2025 "
                                   + "(ngày tổ chức Hội nghị).\n"))
        for phrase in ["nhiệm vụ", "Nhiệm vụ", "được giao", "Đơn vị thực hiện", "đơn vị thực hiện", "Đề nghị Ủy ban"] {
            #expect(!mail.body.contains(phrase), "\(phrase)")
        }
    }

    @Test("a mail to own and external owners together asks each in its own words")
    func mixedOwners() throws {
        let instance = BaDonMail.instance(.due, "2025-12-19", of: BaDonMail.answers)
        let body = try message(instance).body
        #expect(body.contains("\nĐề nghị Văn phòng HĐND và UBND phường; Phòng Văn hóa - Xã hội; Phòng Kinh tế, Hạ tầng và Đô thị thực hiện nhiệm vụ "
                              + "tham dự và giải đáp ý kiến, kiến nghị của Nhân dân tại Hội nghị, hoàn thành chậm nhất ngày 19/12/2025 "
                              + "(ngày tổ chức Hội nghị).\n"
                              + "Kính đề nghị Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội quan tâm, phối hợp thực hiện.\n"))
    }

    @Test("the plan is cited 'Kế hoạch số … ngày … của … về tổ chức …', without a number 'Kế hoạch tổ chức … của …'",
          arguments: [
            ("123/KH-UBND", "2025-12-01", "UBND phường Ba Đồn", "Tổ chức Hội nghị",
             "Căn cứ Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị"),
            (nil, "2025-12-01", "UBND phường Ba Đồn", "Tổ chức Hội nghị",
             "Căn cứ Kế hoạch ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị"),
            ("123/KH-UBND", nil, "UBND phường Ba Đồn", "Tổ chức Hội nghị",
             "Căn cứ Kế hoạch số 123/KH-UBND của UBND phường Ba Đồn về tổ chức Hội nghị"),
            (nil, nil, "UBND phường Ba Đồn", "Tổ chức Hội nghị", "Căn cứ Kế hoạch tổ chức Hội nghị"),
            (nil, nil, "", "Tổ chức Hội nghị", "Căn cứ Kế hoạch tổ chức Hội nghị"),
            ("123/KH-UBND", "2025-12-01", "UBND phường Ba Đồn", "Kế hoạch tổ chức Hội nghị",
             "Căn cứ Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba Đồn về tổ chức Hội nghị"),
            (nil, nil, "UBND phường Ba Đồn", "Kế hoạch tổ chức Hội nghị", "Căn cứ Kế hoạch tổ chức Hội nghị"),
          ] as [(String?, String?, String, String, String)])
    func citation(number: String?, issued: String?, authority: String, title: String, expected: String) throws {
        var plan = BaDonMail.plan
        plan.number = number
        plan.issued = issued.map(Fixtures.date)
        plan.authority = authority
        plan.title = title + " tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025"
        let reading = try #require(try PythonEmailTests.read([try BaDonMail.render(Self.advance, plan: plan)]).first)
        let rest = " tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025"
            + (number == nil && issued == nil && !authority.isEmpty ? " của " + authority : "")
        #expect(reading.body.contains("\n\n" + expected + rest + ";\n\n"))
        for doubled in ["Kế hoạch về", "Kế hoạch Kế hoạch", "về Kế hoạch", "Kế hoạch của"] {
            #expect(!reading.body.contains(doubled), "\(doubled)")
        }
    }

    @Test("a deadline reads 'chậm nhất ngày D (rule)' in the office's words, never 'Thời hạn: …, sau N ngày kể từ …'")
    func ruleInWords() throws {
        #expect(try message().body.contains(
            ", hoàn thành chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày tổ chức Hội nghị).\n"))
        let beforeWorking = PlanTask(id: "tai-lieu", title: "Chuẩn bị tài liệu", owners: ["van-phong"],
                                     due: .relative(event: "conference", direction: .before, offset: Offset(2, .workingDays)),
                                     remind: [Offset(0, .days)])
        let (plan1, instance1) = planWith(beforeWorking)
        #expect(try message(instance1, plan: plan1).body.contains(
            ", hoàn thành chậm nhất ngày 17/12/2025 (trước 2 ngày làm việc tính đến ngày tổ chức Hội nghị).\n"))
        let answers = PlanTask(id: "tra-loi", title: "Trả lời bằng văn bản", owners: ["kinh-te"],
                               due: .relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays)),
                               remind: [Offset(0, .days)])
        let (plan2, instance2) = planWith(answers) {
            $0.events["conclusion"] = PlanEvent(date: Fixtures.date("2025-12-29"), name: "ban hành Thông báo kết luận")
        }
        let body2 = try message(instance2, plan: plan2).body
        #expect(body2.contains(", hoàn thành chậm nhất ngày 20/01/2026 (trong thời hạn 15 ngày làm việc kể từ ngày ban hành "
                               + "Thông báo kết luận).\n"))
        #expect(!body2.contains("Thời gian, địa điểm"), "the notice has no time or place")
        let afterDays = PlanTask(id: "cong-khai", title: "Công khai kết quả", owners: ["van-phong"],
                                 due: .relative(event: "conference", direction: .after, offset: Offset(10, .days)),
                                 remind: [Offset(0, .days)])
        let (plan4, instance4) = planWith(afterDays)
        let reading = try #require(try PythonEmailTests.read([try BaDonMail.render(instance4, plan: plan4)]).first)
        #expect(reading.body.contains(", hoàn thành chậm nhất ngày 29/12/2025 (trong thời hạn 10 ngày kể từ ngày tổ chức Hội nghị).\n"))
        #expect(reading.subject == "[Đến hạn hôm nay] V/v công khai kết quả – chậm nhất ngày 29/12/2025")
        var unnamed = BaDonMail.plan
        unnamed.events["conference"]?.name = nil
        #expect(try message(plan: unnamed).body.contains(
            ", hoàn thành chậm nhất ngày 12/12/2025 (trước 7 ngày tính đến ngày 19/12/2025).\n"))
        let fixed = PlanTask(id: "co-dinh", title: "Nộp báo cáo", owners: ["van-phong"], due: .absolute(Fixtures.date("2025-12-19")),
                             remind: [Offset(0, .days)])
        let (plan3, instance3) = planWith(fixed)
        #expect(try message(instance3, plan: plan3).body.contains(", hoàn thành chậm nhất ngày 19/12/2025.\n"))
        for body in [try message().body, body2, reading.body] {
            #expect(!body.contains("Thời hạn:") && !body.contains(" so với ") && !body.contains(" sau 1"))
            #expect(body.firstMatch(of: /thứ (Hai|Ba|Tư|Năm|Sáu|Bảy) \d/) == nil, "a date reads 'ngày DD/MM/YYYY'")
        }
    }

    @Test("the event's time and place are given when the plan knows them")
    func timeAndPlace() throws {
        #expect(try message().body.contains(
            "\n- Thời gian, địa điểm tổ chức Hội nghị: 14 giờ 00, thứ Sáu, ngày 19/12/2025, tại Hội trường UBND phường Ba Đồn.\n"))
        var bare = BaDonMail.plan
        bare.events["conference"] = PlanEvent(date: Fixtures.date("2025-12-19"))
        #expect(!(try message(plan: bare).body.contains("Thời gian, địa điểm")))
    }

    @Test("'(dự kiến)' marks every date counted from a tentative event, and only those")
    func tentativeMark() throws {
        var tentative = BaDonMail.plan
        tentative.events["conference"]?.isTentative = true
        let mail = try message(plan: tentative)
        #expect(mail.decoded("Subject") == "[Nhắc việc] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025 (dự kiến)")
        #expect(mail.body.contains(", hoàn thành chậm nhất ngày 12/12/2025 (dự kiến, trước 7 ngày tính đến ngày tổ chức Hội nghị).\n"))
        #expect(mail.body.contains("14 giờ 00, thứ Sáu, ngày 19/12/2025 (dự kiến), tại"))
        let definite = try message()
        #expect(!(definite.decoded("Subject") ?? "").contains("dự kiến") && !definite.body.contains("dự kiến"))
        let fixed = PlanTask(id: "co-dinh", title: "Nộp báo cáo", owners: ["van-phong"], due: .absolute(Fixtures.date("2025-12-19")),
                             remind: [Offset(0, .days)])
        let (plan, instance) = planWith(fixed) { $0.events["conference"]?.isTentative = true }
        let unrelated = try message(instance, plan: plan)
        #expect(!(unrelated.decoded("Subject") ?? "").contains("dự kiến") && !unrelated.body.contains("dự kiến"))
    }

    @Test("with replies by mail a department's copy asks for a reply 'Đã hoàn thành'; without, to tell the office")
    func replyInstructions() throws {
        let replying = MessageComposer(from: "Nhắc việc <nhacviec@badon.example.gov.vn>", envelopeSender: "nhacviec@badon.example.gov.vn",
                                      replyAddress: { _, department in "nhacviec+\(department)tok@badon.example.gov.vn" })
        let (plan, instance) = planWith(Self.culture)
        let copy = MailCopy(departments: ["vhxh"], department: "vhxh", recipients: ["vhxh@badon.example.gov.vn"])
        let own = try message(instance, plan: plan, copy: copy, mailer: replying)
        #expect(own["Reply-To"] == "nhacviec+vhxhtok@badon.example.gov.vn")
        #expect(own.body.contains("\nKhi hoàn thành, đề nghị trả lời thư này với nội dung \"Đã hoàn thành\" "
                                  + "(hoặc \"Đã trả lời tại văn bản số …\"). Mọi thắc mắc xin liên hệ Văn phòng: vanphong@badon.example.gov.vn.\n"))
        let shared = try message(instance, plan: plan, mailer: replying)  // a copy for no single department: replies go to the admins
        #expect(shared["Reply-To"] == "vanphong@badon.example.gov.vn")
        for body in [shared.body, try message(instance, plan: plan).body] {
            #expect(body.contains("\nKhi hoàn thành, đề nghị báo Văn phòng để cập nhật tiến độ "
                                  + "(trả lời thư này hoặc gửi về vanphong@badon.example.gov.vn).\n"))
            #expect(!body.contains("Đã hoàn thành"))
        }
        var noAdmins = plan
        noAdmins.admins = []
        #expect(try message(instance, plan: noAdmins).body.contains("\nKhi hoàn thành, đề nghị báo Văn phòng để cập nhật tiến độ.\n"))
    }

    static let culture = PlanTask(
        id: "loa-truyen-thanh", title: "Thông báo trên hệ thống truyền thanh về Hội nghị", owners: ["vhxh"],
        due: .relative(event: "conference", direction: .before, offset: Offset(7, .days)), remind: [Offset(0, .days)])

    @Test("mail to the Office, the plan's admins, does not tell the Office to contact the Office")
    func officeIsNotToldToContactItself() throws {
        let replying = MessageComposer(from: "Nhắc việc <nhacviec@badon.example.gov.vn>", envelopeSender: "nhacviec@badon.example.gov.vn",
                                      replyAddress: { _, department in "nhacviec+\(department)tok@badon.example.gov.vn" })
        let copy = MailCopy(departments: ["van-phong"], department: "van-phong", recipients: ["vanphong@badon.example.gov.vn"])
        let mails = [try BaDonMail.render(Self.advance),
                     try replying.render(plan: BaDonMail.plan, instance: Self.advance, copy: copy, calendar: BaDonMail.calendar,
                                         now: Self.advance.at, isLate: false)]
        let readings = try PythonEmailTests.read(mails)
        try #require(readings.count == 2)
        for reading in readings {
            #expect(reading.to == [["Văn phòng HĐND và UBND phường", "vanphong@badon.example.gov.vn"]])
            #expect(!reading.body.contains("báo Văn phòng") && !reading.body.contains("liên hệ Văn phòng"))
            #expect(!reading.body.contains("gửi về vanphong@"))
        }
        #expect(readings[1].body.contains("\nKhi hoàn thành, đề nghị trả lời thư này với nội dung \"Đã hoàn thành\" "
                                          + "(hoặc \"Đã trả lời tại văn bản số …\").\n"))
        // Mail to several departments, the Office among them, still tells the others whom to write to.
        let shared = try #require(try PythonEmailTests.read([try BaDonMail.render(BaDonMail.instance(.due, "2025-12-19",
                                                                                                       of: BaDonMail.answers))]).first)
        #expect(shared.body.contains("\nKhi hoàn thành, đề nghị báo Văn phòng để cập nhật tiến độ "
                                     + "(trả lời thư này hoặc gửi về vanphong@badon.example.gov.vn).\n"))
    }

    @Test("an escalation reports 'Kính báo cáo … xem xét, chỉ đạo.', names one late unit, counts and lists several")
    func escalationNamesLateDepartments() throws {
        var task = BaDonMail.answers
        task.id = "tra-loi"
        task.escalate = EscalationRule(after: Offset(1, .workingDays), to: [.department("lanh-dao")])
        let (plan, _) = planWith(task)
        let escalation = try #require(ReminderPlanner(calendar: BaDonMail.calendar).instances(of: task, in: plan)
            .first { $0.kind == .escalation })
        let copies = [MailCopy(departments: ["vhxh", "kinh-te"], department: nil, recipients: escalation.recipients),
                      MailCopy(departments: ["kinh-te"], department: nil, recipients: escalation.recipients)]
        let readings = try PythonEmailTests.read(copies.map { copy in
            try BaDonMail.mailer.render(plan: plan, instance: escalation, copy: copy, calendar: BaDonMail.calendar,
                                        now: escalation.at, isLate: false)
        })
        try #require(readings.count == 2)
        let several = readings[0], one = readings[1]
        #expect(several.subject == "[Chậm tiến độ] 2 đơn vị chưa hoàn thành: "
                + "V/v tham dự và giải đáp ý kiến, kiến nghị của Nhân dân tại Hội nghị – chậm nhất ngày 19/12/2025")
        #expect(several.body.contains("\nNhiệm vụ tham dự và giải đáp ý kiến, kiến nghị của Nhân dân tại Hội nghị phải hoàn thành "
                                      + "chậm nhất ngày 19/12/2025 (ngày tổ chức Hội nghị). Đến nay, các đơn vị sau chưa báo cáo "
                                      + "hoàn thành nhiệm vụ này:\n- Phòng Văn hóa - Xã hội\n- Phòng Kinh tế, Hạ tầng và Đô thị\n\n"))
        #expect(!several.body.contains("- Văn phòng HĐND"))
        // 152 characters in full: the title gives up its last words, the unit and the deadline stay.
        #expect(one.subject == "[Chậm tiến độ] Phòng Kinh tế, Hạ tầng và Đô thị chưa hoàn thành: "
                + "V/v tham dự và giải đáp ý kiến, kiến nghị của Nhân dân… – chậm nhất ngày 19/12/2025")
        #expect(one.subject.unicodeScalars.count <= 150)
        #expect(one.body.contains(" (ngày tổ chức Hội nghị). Đến nay, Phòng Kinh tế, Hạ tầng và Đô thị chưa báo cáo hoàn thành "
                                  + "nhiệm vụ này.\n\n"))
        #expect(!one.body.contains("các đơn vị") && !one.body.contains("\n- Phòng"))
        for reading in readings {
            #expect(reading.to == [["Chủ tịch UBND phường", "chutich@badon.example.gov.vn"]])
            #expect(reading.body.contains("\n\nKính báo cáo Chủ tịch UBND phường xem xét, chỉ đạo.\n\nTrân trọng./.\n"))
            #expect(!reading.body.contains("Hệ thống nhắc việc kính báo cáo để") && !reading.body.contains("Khi hoàn thành"))
            #expect(!reading.subject.contains("Báo cáo quá hạn"))
        }
    }

    @Test("after V/v an ordinary first word is lowercased; capitals, mixed case, one letter and title-case: keep are not",
          arguments: [
            ("Gửi Giấy mời", false, "gửi Giấy mời"),
            ("Tham mưu Dự toán", false, "tham mưu Dự toán"),
            ("Đôn đốc các phòng", false, "đôn đốc các phòng"),
            ("UBND phường họp", false, "UBND phường họp"),
            ("HĐND phường giám sát", false, "HĐND phường giám sát"),
            ("iPhone cho tổ thư ký", false, "iPhone cho tổ thư ký"),
            ("A80 diễu binh", false, "A80 diễu binh"),
            ("Hội nghị tổng kết", true, "Hội nghị tổng kết"),
            ("gửi sẵn chữ thường", false, "gửi sẵn chữ thường"),
          ])
    func lowercaseAfterVv(title: String, keep: Bool, expected: String) throws {
        var plan = BaDonMail.plan
        plan.tasks[0].title = title
        plan.tasks[0].keepsTitleCase = keep
        #expect(try message(plan: plan).decoded("Subject") == "[Nhắc việc] V/v \(expected) – chậm nhất ngày 12/12/2025")
    }

    @Test("docs/mail.md lists every template variable")
    func documentedVariables() throws {
        let doc = try String(contentsOf: Fixtures.repositoryRoot().appendingPathComponent("docs/mail.md"), encoding: .utf8)
        for name in MessageComposer.templateVariables {
            #expect(doc.contains("`\(name)`"), "\(name) is not documented")
        }
    }
}

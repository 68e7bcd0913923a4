import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// Per-plan Mustache overrides, plain-text rendering, and template checking.
struct TemplateTests {
    func rendered(subject: String? = nil, body: String? = nil, title: String? = nil) throws -> ParsedMessage {
        var plan = BaDonMail.plan
        plan.templates = MailTemplates(subject: subject, body: body)
        if let title { plan.tasks[0].title = title }
        return ParsedMessage(try BaDonMail.render(BaDonMail.instance(.advance, "2025-12-05"), plan: plan).data)
    }

    @Test("text is not HTML-escaped: '&', '<', '>' and quotes come through as written, in defaults and overrides")
    func noHTMLEscaping() throws {
        let title = "Mua bàn & ghế <loại A> \"mới\" 'cũ'"
        let defaults = try rendered(title: title)
        let inSentence = "mua" + title.dropFirst(3)
        #expect(defaults.decoded("Subject") == "[Nhắc việc] V/v \(inSentence) – chậm nhất ngày 12/12/2025")
        #expect(defaults.body.contains(" thực hiện nhiệm vụ \(inSentence), hoàn thành chậm nhất ngày 12/12/2025 "
                                       + "(trước 7 ngày tính đến ngày tổ chức Hội nghị).\n"))
        let custom = try rendered(subject: "{{title}}", body: "{{title}} / {{{title}}} / {{&title}}", title: title)
        #expect(custom.decoded("Subject") == title)
        #expect(custom.body == "\(title) / \(title) / \(title)\n")
        #expect(!custom.body.contains("&amp;") && !custom.body.contains("&lt;") && !custom.body.contains("&quot;"))
    }

    @Test("a plan's templates replace the defaults and see the documented variables")
    func overrides() throws {
        let message = try rendered(
            subject: "{{planID}}/{{taskID}}: {{title}} ({{dueWeekdayCapitalized}} {{dueDate}})",
            body: """
                {{#departments}}{{name}}|{{/departments}}
                {{#admins}}{{.}}{{/admins}} {{kind}} {{workingDaysLeft}} {{workingDaysLate}} {{sendTime}} {{sendWeekday}} {{sendDate}}
                {{#isAdvance}}advance{{/isAdvance}}{{#isDue}}due{{/isDue}}{{^isLate}} on time{{/isLate}}
                """)
        #expect(message.decoded("Subject") == "ba-don-2025/giay-moi: Tham mưu Giấy mời Hội nghị đối thoại năm 2025 (Thứ Sáu 12/12/2025)")
        #expect(message.body == """
            Văn phòng HĐND và UBND phường|
            vanphong@badon.example.gov.vn advance 5 0 07 giờ 30 thứ Sáu 05/12/2025
            advance on time

            """)
    }

    @Test("a subject template's line breaks become spaces")
    func subjectOnOneLine() throws {
        #expect(try rendered(subject: "[Nhắc]\n  {{title}}\n").decoded("Subject") == "[Nhắc] Tham mưu Giấy mời Hội nghị đối thoại năm 2025")
    }

    @Test("a template that does not parse is a MailError with the template-syntax code")
    func syntaxErrorThrows() throws {
        do {
            _ = try rendered(body: "Kính gửi {{#departments}}{{name}}")
            Issue.record("expected an error")
        } catch let error as MailError {
            #expect(error.code == .templateSyntax)
            #expect(error.message.contains("body template"))
        }
    }

    @Test("a template that renders nothing is refused rather than sending an empty subject")
    func emptyRendering() throws {
        #expect(throws: MailError(code: .emptyRendering,
                                  message: "plan 'ba-don-2025': the subject template rendered to nothing")) {
            try rendered(subject: "{{#isDue}}only on the due day{{/isDue}}")
        }
    }

    @Test("validate reports each broken template with its line and column, and nothing for good or absent ones")
    func validate() {
        #expect(MessageComposer.validate(templates: MailTemplates()).isEmpty)
        #expect(MessageComposer.validate(templates: MailTemplates(subject: DefaultMailTemplates.subject,
                                                                 body: DefaultMailTemplates.body)).isEmpty)
        let problems = MessageComposer.validate(templates: MailTemplates(
            subject: "{{title", body: "dòng 1\n{{#isLate}}muộn{{/isDue}}"))
        #expect(problems.count == 2)
        #expect(problems[0].hasPrefix("subject template, line 1, column"))
        #expect(problems[1].hasPrefix("body template, line 2, column"))
        #expect(problems[1].contains("closed with a different name"))
    }

    @Test("the documented variable list names every variable the defaults use")
    func variableList() {
        let used = (DefaultMailTemplates.subject + DefaultMailTemplates.body)
            .matches(of: /\{\{[#^\/]?([A-Za-z]+)\}\}/).map { String($0.output.1) }
        // `name` is the key of each item of `departments`, not a variable of its own.
        #expect(Set(used).subtracting(["name"]).isSubset(of: Set(MessageComposer.templateVariables)))
    }

    @Test("an occurrence's mail names its period in the title, and templates see it as period and periodID")
    func occurrencePeriod() throws {
        var plan = BaDonMail.plan
        let monthly = PlanTask(id: "bao-cao", title: "Báo cáo công tác {{period}}", owners: plan.tasks[0].owners,
                               due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20), from: Fixtures.date("2027-01-01"))),
                               remind: [Offset(0, .days)])
        plan.tasks = [monthly]
        // 20/03/2027 is a Saturday: March is due Monday 22/03.
        let march = try #require(plan.task("bao-cao+2027-03", calendar: BaDonMail.calendar))
        let instance = try #require(ReminderPlanner(calendar: BaDonMail.calendar).instances(of: march, in: plan).first)
        let defaults = ParsedMessage(try BaDonMail.render(instance, plan: plan).data)
        #expect(defaults.decoded("Subject") == "[Đến hạn hôm nay] V/v báo cáo công tác tháng 3/2027 – chậm nhất ngày 22/03/2027")
        #expect(defaults.body.contains("chậm nhất ngày 22/03/2027 (định kỳ hằng tháng)"))
        plan.templates = MailTemplates(subject: "{{period}} | {{periodID}} | {{taskID}}", body: "{{title}}")
        let custom = ParsedMessage(try BaDonMail.render(instance, plan: plan).data)
        #expect(custom.decoded("Subject") == "tháng 3/2027 | 2027-03 | bao-cao+2027-03")
        #expect(custom.body == "Báo cáo công tác tháng 3/2027\n")
    }
}

/// The Mustache sources used when a plan does not override them: Vietnamese, in the forms of administrative
/// writing (Nghị định 30/2020/NĐ-CP): "V/v" with the title in lower case, "Căn cứ …", "Đề nghị …",
/// "chậm nhất ngày …", "Trân trọng./.".
public enum DefaultMailTemplates {
    /// `[Nhắc việc] V/v tham mưu Giấy mời … – chậm nhất ngày 12/12/2025 (dự kiến)`, the office's subject-line form.
    ///
    /// The tag follows the day as it is when the mail goes out, not the instance's kind, so a due-day reminder
    /// sent late after downtime says `[Quá hạn]` rather than claiming the deadline is today. An escalation
    /// names the department that is late, or counts them when there are several (the body lists them):
    /// `[Chậm tiến độ] Phòng X chưa hoàn thành: V/v …`, `[Chậm tiến độ] 7 đơn vị chưa hoàn thành: V/v …`.
    public static let subject = """
        {{#isEscalation}}[Chậm tiến độ] \
        {{#hasOneDepartment}}{{departmentNames}}{{/hasOneDepartment}}\
        {{^hasOneDepartment}}{{departmentCount}} đơn vị{{/hasOneDepartment}} chưa hoàn thành:{{/isEscalation}}\
        {{^isEscalation}}\
        {{#isBeforeDue}}[Nhắc việc]{{/isBeforeDue}}{{#isDueToday}}[Đến hạn hôm nay]{{/isDueToday}}\
        {{#isPastDue}}[Quá hạn]{{/isPastDue}}{{/isEscalation}} \
        V/v {{titleInSentence}} – {{deadlineShort}}{{#isLate}} (gửi muộn){{/isLate}}
        """

    /// The body: to whom, on what basis (the plan, or the Conclusion Notice for a petition), what is asked (a task
    /// of the committee's own departments, or cooperation from a body outside its authority) and by when, where
    /// the event takes place, how much time is left, and how to report completion. An escalation reports the
    /// late departments to its recipients and asks them to consider and direct.
    public static let body = """
        Kính gửi: {{recipientNames}}

        {{citation}};

        {{#isEscalation}}
        Nhiệm vụ {{titleInSentence}} phải hoàn thành {{deadline}}. Đến nay, \
        {{#hasOneDepartment}}{{departmentNames}} chưa báo cáo hoàn thành nhiệm vụ này.{{/hasOneDepartment}}\
        {{^hasOneDepartment}}các đơn vị sau chưa báo cáo hoàn thành nhiệm vụ này:{{/hasOneDepartment}}
        {{^hasOneDepartment}}
        {{#departments}}
        - {{name}}
        {{/departments}}
        {{/hasOneDepartment}}
        {{/isEscalation}}
        {{^isEscalation}}
        {{#ownDepartmentNames}}
        {{^isPastDue}}
        Đề nghị {{ownDepartmentNames}} thực hiện nhiệm vụ {{titleInSentence}}, hoàn thành {{deadline}}.
        {{/isPastDue}}
        {{#isPastDue}}
        Nhiệm vụ {{titleInSentence}} phải hoàn thành {{deadline}}, đến nay đã quá thời hạn. \
        Đề nghị {{ownDepartmentNames}} khẩn trương hoàn thành.
        {{/isPastDue}}
        {{/ownDepartmentNames}}
        {{#externalDepartmentNames}}
        Kính đề nghị {{externalDepartmentNames}} quan tâm, phối hợp \
        {{#ownDepartmentNames}}thực hiện{{#isPastDue}} trong thời gian sớm nhất{{/isPastDue}}{{/ownDepartmentNames}}\
        {{^ownDepartmentNames}}{{titleInSentence}}\
        {{#isPastDue}} trong thời gian sớm nhất; thời hạn đề ra là {{deadline}}{{/isPastDue}}\
        {{^isPastDue}}, {{deadline}}{{/isPastDue}}{{/ownDepartmentNames}}.
        {{/externalDepartmentNames}}
        {{/isEscalation}}

        {{#isPetition}}
        - Nội dung kiến nghị: {{petitionContent}}
        {{#petitionRaisedBy}}
        - Người kiến nghị: {{petitionRaisedBy}}
        {{/petitionRaisedBy}}
        {{/isPetition}}
        {{^isPetition}}
        {{#description}}
        - Nội dung: {{description}}
        {{/description}}
        {{/isPetition}}
        {{#eventDetails}}
        - Thời gian, địa điểm{{#eventName}} {{eventName}}{{/eventName}}: {{eventDetails}}.
        {{/eventDetails}}

        {{countdown}}
        {{#isLate}}

        Thư này được gửi muộn do hệ thống nhắc việc bị gián đoạn \
        (lẽ ra được gửi {{scheduledWeekday}}, ngày {{scheduledDate}}).
        {{/isLate}}

        {{#isEscalation}}
        Kính báo cáo {{recipientNames}} xem xét, chỉ đạo.
        {{/isEscalation}}
        {{^isEscalation}}
        {{#replyByMail}}
        Khi hoàn thành, đề nghị trả lời thư này với nội dung "Đã hoàn thành" (hoặc "Đã trả lời tại văn bản số …").\
        {{^isToAdmins}}{{#adminList}} Mọi thắc mắc xin liên hệ Văn phòng: {{adminList}}.{{/adminList}}{{/isToAdmins}}
        {{/replyByMail}}
        {{^replyByMail}}
        {{^isToAdmins}}
        Khi hoàn thành, đề nghị báo Văn phòng để cập nhật tiến độ\
        {{#adminList}} (trả lời thư này hoặc gửi về {{adminList}}){{/adminList}}.
        {{/isToAdmins}}
        {{/replyByMail}}
        {{/isEscalation}}

        Trân trọng./.

        \(MailFooter.text)
        """
}

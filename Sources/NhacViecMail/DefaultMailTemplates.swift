/// The Mustache sources used when a plan does not override them: Vietnamese, in the forms of administrative
/// writing (Nghị định 30/2020/NĐ-CP): "V/v" with the title in lower case, "Căn cứ …", "Đề nghị …",
/// "Trân trọng./.".
public enum DefaultMailTemplates {
    /// `[Nhắc việc] V/v gửi Giấy mời … – hạn thứ Sáu 12/12/2025 (dự kiến)`, the office's subject-line form.
    ///
    /// The tag follows the day as it is when the mail goes out, not the instance's kind, so a due-day reminder
    /// sent late after downtime says `[Quá hạn]` rather than claiming the deadline is today. An escalation
    /// names the departments that are late: `[Chậm tiến độ] Phòng X; Phòng Y chưa hoàn thành: V/v …`.
    public static let subject = """
        {{#isEscalation}}[Chậm tiến độ] {{departmentNames}} chưa hoàn thành:{{/isEscalation}}{{^isEscalation}}\
        {{#isBeforeDue}}[Nhắc việc]{{/isBeforeDue}}{{#isDueToday}}[Đến hạn hôm nay]{{/isDueToday}}\
        {{#isPastDue}}[Quá hạn]{{/isPastDue}}{{/isEscalation}} \
        V/v {{titleInSentence}} – hạn {{dueWeekday}} {{dueDate}}{{#isTentative}} (dự kiến){{/isTentative}}\
        {{#isLate}} (gửi muộn){{/isLate}}
        """

    /// The body: to whom, under which plan, what is asked (a task of the committee's own departments, or
    /// cooperation from a body outside its authority), by when and by which rule, where the event takes
    /// place, how much time is left, and how to report completion. An escalation lists the late departments.
    public static let body = """
        Kính gửi: {{recipientNames}}

        {{citation}};

        {{#isEscalation}}
        Đến nay, các đơn vị sau chưa báo cáo hoàn thành việc {{titleInSentence}}:
        {{#departments}}
        - {{name}}
        {{/departments}}
        {{/isEscalation}}
        {{^isEscalation}}
        {{#ownDepartmentNames}}
        {{^isPastDue}}
        Đề nghị {{ownDepartmentNames}} thực hiện nhiệm vụ {{titleInSentence}}, hoàn thành đúng thời hạn.
        {{/isPastDue}}
        {{#isPastDue}}
        Nhiệm vụ {{titleInSentence}} đã quá thời hạn. Đề nghị {{ownDepartmentNames}} khẩn trương hoàn thành.
        {{/isPastDue}}
        {{/ownDepartmentNames}}
        {{#externalDepartmentNames}}
        Kính đề nghị {{externalDepartmentNames}} quan tâm, phối hợp \
        {{#ownDepartmentNames}}thực hiện{{/ownDepartmentNames}}{{^ownDepartmentNames}}{{titleInSentence}}{{/ownDepartmentNames}}\
        {{#isPastDue}} trong thời gian sớm nhất{{/isPastDue}}.
        {{/externalDepartmentNames}}
        {{/isEscalation}}

        {{#description}}
        - Nội dung: {{description}}
        {{/description}}
        - Thời hạn: {{dueWeekday}}, ngày {{dueDate}}{{#isTentative}} (dự kiến){{/isTentative}}{{#dueRule}}, {{dueRule}}{{/dueRule}}.
        {{#eventDetails}}
        - Thời gian, địa điểm{{#eventName}} {{eventName}}{{/eventName}}: {{eventDetails}}.
        {{/eventDetails}}

        {{countdown}}
        {{#isLate}}

        Thư này được gửi muộn do hệ thống nhắc việc bị gián đoạn (lẽ ra được gửi {{scheduledWeekday}}, ngày {{scheduledDate}}).
        {{/isLate}}

        {{#isEscalation}}
        Hệ thống nhắc việc kính báo cáo để xem xét, chỉ đạo.
        {{/isEscalation}}
        {{^isEscalation}}
        {{#replyByMail}}
        Khi hoàn thành, đề nghị trả lời thư này với nội dung "Đã hoàn thành" (hoặc "Đã trả lời tại văn bản số …").\
        {{#adminList}} Mọi thắc mắc xin liên hệ Văn phòng: {{adminList}}.{{/adminList}}
        {{/replyByMail}}
        {{^replyByMail}}
        Khi hoàn thành, đề nghị báo Văn phòng để cập nhật tiến độ\
        {{#adminList}} (trả lời thư này hoặc gửi về {{adminList}}){{/adminList}}.
        {{/replyByMail}}
        {{/isEscalation}}

        Trân trọng./.

        --\u{20}
        Đây là thư tự động của hệ thống nhắc việc nhacviec, không phải văn bản chính thức.
        """
}

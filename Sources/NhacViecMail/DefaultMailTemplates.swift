/// The Mustache sources used when a plan does not override them: Vietnamese, as the office writes.
public enum DefaultMailTemplates {
    /// `[Nhắc việc] V/v Gửi Giấy mời … – hạn thứ Sáu 12/12/2025`, the office's subject-line form.
    ///
    /// The tag follows the day as it is when the mail goes out, not the instance's kind, so a due-day reminder
    /// sent late after downtime says `[Quá hạn]` rather than claiming the deadline is today.
    public static let subject = """
        {{#isEscalation}}[Báo cáo quá hạn]{{/isEscalation}}{{^isEscalation}}\
        {{#isBeforeDue}}[Nhắc việc]{{/isBeforeDue}}{{#isDueToday}}[Đến hạn hôm nay]{{/isDueToday}}\
        {{#isPastDue}}[Quá hạn]{{/isPastDue}}{{/isEscalation}} \
        V/v {{title}} – hạn {{dueWeekday}} {{dueDate}}{{#isLate}} (gửi muộn){{/isLate}}
        """

    /// The body: to whom, what, by when, under which plan, how much time is left, whom to ask.
    public static let body = """
        Kính gửi: {{recipientNames}}

        {{#isEscalation}}
        Nhiệm vụ dưới đây đã quá hạn nhưng đơn vị được giao ({{departmentNames}}) chưa báo cáo hoàn thành.
        {{/isEscalation}}
        {{^isEscalation}}
        Hệ thống nhắc việc xin nhắc nhiệm vụ sau:
        {{/isEscalation}}

        Nhiệm vụ: {{title}}
        {{#description}}
        Nội dung: {{description}}
        {{/description}}
        Hạn: {{dueWeekday}}, ngày {{dueDate}}
        Đơn vị thực hiện: {{departmentNames}}
        Kế hoạch: {{planTitle}}{{#authority}} ({{authority}}){{/authority}}

        {{countdown}}
        {{#isLate}}

        Thư này được gửi muộn do hệ thống tạm ngừng (lẽ ra được gửi {{scheduledWeekday}}, ngày {{scheduledDate}}).
        {{/isLate}}
        {{#adminList}}

        Mọi thắc mắc xin liên hệ: {{adminList}}.
        {{/adminList}}

        --\u{20}
        Đây là thư tự động của hệ thống nhắc việc nhacviec, không phải văn bản chính thức.
        """
}

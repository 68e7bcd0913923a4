import NhacViecCore
import NhacViecMail
import Testing

/// Templates nested deep enough to overflow the Mustache parser's recursion are refused before it sees them.
struct TemplateNestingTests {
    static func nested(_ depth: Int, open: String = "{{#a}}", close: String = "{{/a}}") -> String {
        String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
    }

    static let refusal = "sections are nested more than 32 deep; a reminder template needs only a few levels"

    @Test("thirty-two nested sections are accepted")
    func thirtyTwoLevelsAreFine() {
        #expect(MessageComposer.validate(templates: MailTemplates(subject: Self.nested(32), body: Self.nested(32))).isEmpty)
    }

    @Test("the thirty-third nested section is refused at its own line and column")
    func thirtyThirdLevelIsRefused() {
        let body = "Kính gửi\n" + Self.nested(33)
        #expect(MessageComposer.validate(templates: MailTemplates(body: body))
            == ["body template, line 2, column 193: \(Self.refusal)"])
    }

    @Test("ten thousand nested sections, plain or inverted, are refused instead of crashing the parser", arguments: [
        ("{{#a}}", "{{/a}}"), ("{{^a}}", "{{/a}}"), ("{{$a}}", "{{/a}}"), ("{{#a}}", ""),
    ])
    func tenThousandLevelsAreRefused(open: String, close: String) {
        let problems = MessageComposer.validate(templates: MailTemplates(subject: Self.nested(10_000, open: open, close: close)))
        #expect(problems == ["subject template, line 1, column 193: \(Self.refusal)"])
    }

    /// Found by fuzz/run (FuzzMustache): the scan read the `=` of the close delimiter `=%>` as a set-delimiter
    /// tag and built a reversed range, which trapped `check` and the daemon's reload.
    @Test("an empty tag whose close delimiter starts with '=' is reported by the parser, not trapped on", arguments: [
        "{{=<% =%>=}}<%=%>", "{{=<% #%>=}}<%#%>", "{{=<% /%>=}}<%/%>",
    ])
    func emptyTagBeforeAKindCharacterIsNotAKind(template: String) {
        let problems = MessageComposer.validate(templates: MailTemplates(subject: template))
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("subject template, line 1, column ") == true, "\(problems)")
    }

    @Test("changed delimiters do not hide deep nesting")
    func changedDelimitersAreFollowed() {
        let body = "{{=<% %>=}}" + Self.nested(10_000, open: "<%#a%>", close: "<%/a%>")
        #expect(MessageComposer.validate(templates: MailTemplates(body: body))
            == ["body template, line 1, column 204: \(Self.refusal)"])
    }

    @Test("a delimiter change inside a section ends with the section, as in the parser")
    func delimiterChangeIsScopedToItsSection() {
        let sections = String(repeating: "{{#b}}{{=<% %>=}}<%x%><%/b%>", count: 40)
        #expect(MessageComposer.validate(templates: MailTemplates(body: sections)).isEmpty)
        #expect(MessageComposer.validate(templates: MailTemplates(body: sections + Self.nested(33)))
            == ["body template, line 1, column 1313: \(Self.refusal)"])
    }

    @Test("sections that open and close in turn never count as nested")
    func siblingsAreNotNested() {
        let body = String(repeating: "{{#isDue}}hôm nay{{/isDue}}{{^isDue}}sắp{{/isDue}}\n", count: 1_000)
        #expect(MessageComposer.validate(templates: MailTemplates(body: body)).isEmpty)
    }
}

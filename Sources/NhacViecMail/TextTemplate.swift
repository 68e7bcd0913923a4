import Foundation
import Mustache

/// A Mustache template that renders plain text: `{{x}}` is not HTML-escaped, so a title with `&` stays `&`.
struct TextTemplate {
    /// swift-mustache escapes for HTML unless told otherwise; this pragma, on a line of its own (which the
    /// parser drops as standalone), switches the whole template to its TEXT content type.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT }}\n"

    private let template: MustacheTemplate

    /// Parses a template; `role` (`subject template`) names it in the error.
    init(source: String, role: String) throws(MailError) {
        if let problem = Self.problem(in: source, role: role) {
            throw MailError(code: .templateSyntax, message: problem)
        }
        do {
            template = try MustacheTemplate(string: Self.textPragma + source)
        } catch {
            throw MailError(code: .templateSyntax, message: "\(role): \(error)")
        }
    }

    /// The parsed template for a source, parsed once per process: a burst of reminders must not re-parse it.
    static func cached(source: String, role: String) throws(MailError) -> TextTemplate {
        if let known = TemplateCache.shared.template(for: source) { return known }
        let parsed = try TextTemplate(source: source, role: role)
        TemplateCache.shared.store(parsed, for: source)
        return parsed
    }

    /// Renders the template against a context of strings, numbers, booleans, lists and dictionaries.
    func render(_ context: [String: Any]) -> String {
        template.render(context)
    }

    /// What is wrong with a template's syntax, positioned in the source as written, or nil when it parses.
    static func problem(in source: String, role: String) -> String? {
        // Checked before parsing: the parser recurses once per section and too deep a template would crash it.
        if let place = TemplateNesting.tooDeep(source) {
            return "\(role), line \(place.line), column \(place.column): sections are nested more than"
                + " \(TemplateNesting.maximumDepth) deep; a reminder template needs only a few levels"
        }
        do {
            _ = try MustacheTemplate(string: source)
            return nil
        } catch let error as MustacheTemplate.ParserError {
            let place = error.context
            return "\(role), line \(place.lineNumber), column \(place.columnNumber): \(explain(error.error))"
                + " (in: \(place.line.trimmingWhitespace))"
        } catch {
            return "\(role): \(error)"
        }
    }

    private static func explain(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not closed, or its name has characters a name cannot have"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "a tag that is not allowed inside an inheritance section"
        case .textInsideInheritSection: return "text is not allowed inside an inheritance section"
        case .invalidConfigVariableSyntax: return "a {{% … }} pragma is malformed"
        case .unrecognisedConfigVariable: return "unknown {{% … }} pragma; only CONTENT_TYPE is supported"
        }
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

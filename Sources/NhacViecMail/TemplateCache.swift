import Synchronization

/// Parsed templates by source text; templates are immutable once parsed, so sharing them is safe.
final class TemplateCache: Sendable {
    static let shared = TemplateCache()
    private let templates = Mutex<[String: TextTemplate]>([:])

    func template(for source: String) -> TextTemplate? {
        templates.withLock { $0[source] }
    }

    func store(_ template: TextTemplate, for source: String) {
        templates.withLock { templates in
            if templates.count > 256 { templates.removeAll() }
            templates[source] = template
        }
    }
}

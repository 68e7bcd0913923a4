/// Finds the text a person wrote in a MIME tree: the first inline text/plain part, else the first text/html.
enum BodyFinder {
    /// Deeper nesting than any mail client writes; a hostile message cannot recurse beyond it.
    static let maximumDepth = 16

    /// A text part found in the tree, not yet decoded to text.
    struct Candidate {
        let entity: MIMEEntity
        let isHTML: Bool
    }

    /// The best text of the entity, or nil when it has no text part at all.
    static func text(of entity: MIMEEntity) -> String? {
        var candidates: [Candidate] = []
        collect(entity, depth: 0, into: &candidates)
        guard let best = candidates.first(where: { !$0.isHTML }) ?? candidates.first else { return nil }
        return decode(best)
    }

    private static func collect(_ entity: MIMEEntity, depth: Int, into candidates: inout [Candidate]) {
        let type = entity.contentType
        switch (type.type, type.subtype) {
        case ("multipart", _):
            guard depth < maximumDepth, let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                // A multipart without a usable boundary is read as text rather than lost.
                candidates.append(Candidate(entity: entity, isHTML: false))
                return
            }
            let parts = MultipartSplitter.parts(of: entity.body, boundary: boundary)
            // A boundary that never appears means the structure is broken; the body is still worth reading.
            if parts.isEmpty { candidates.append(Candidate(entity: entity, isHTML: false)) }
            for part in parts {
                collect(MIMEEntity.parse(part[...]), depth: depth + 1, into: &candidates)
            }
        case ("text", "plain") where !entity.isAttachment:
            candidates.append(Candidate(entity: entity, isHTML: false))
        case ("text", "html") where !entity.isAttachment:
            candidates.append(Candidate(entity: entity, isHTML: true))
        default:
            // message/rfc822 is a forwarded message, not the reply; images and files are not text.
            return
        }
    }

    private static func decode(_ candidate: Candidate) -> String {
        let type = candidate.entity.contentType
        var text = type.charset.decode(candidate.entity.decodedBody)
        if candidate.isHTML { return HTMLText.plainText(text) }
        if type.parameters["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.unflow(text, deleteSpace: type.parameters["delsp"]?.lowercased() == "yes")
        }
        return text
    }
}

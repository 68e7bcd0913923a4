/// Finds the text a person wrote in a MIME tree: the first inline text/plain part, else the first text/html.
enum BodyFinder {
    /// The best text of the entity, NFC-normalised, lines separated by `\n`; nil when it has no text part at all.
    static func text(of entity: MIMEEntity) -> String? {
        var html: MIMEEntity?
        for leaf in MIMETree.leaves(of: entity) {
            let type = leaf.contentType
            switch (type.type, type.subtype) {
            case ("multipart", _):
                // A multipart that could not be opened is read as text rather than lost.
                return decode(leaf, isHTML: false)
            case ("text", "plain") where !leaf.isAttachment:
                return decode(leaf, isHTML: false)
            case ("text", "html") where !leaf.isAttachment:
                if html == nil { html = leaf }
            default:
                // message/rfc822 is a forwarded message, not the reply; images and files are not text.
                continue
            }
        }
        return html.map { decode($0, isHTML: true) }
    }

    /// The part's text: transfer encoding undone, line ends brought to LF, charset decoded, then HTML rendered
    /// or flowed lines joined, then NFC. Every step is one pass over its input.
    private static func decode(_ entity: MIMEEntity, isHTML: Bool) -> String {
        let type = entity.contentType
        var text = type.charset.decode(entity.decodedBody)
        if isHTML {
            // Character references can write combining marks of their own.
            text = StreamSafe.limited(HTMLText.plainText(text))
        } else if type.parameters["format"]?.lowercased() == "flowed" {
            let deleteSpace = type.parameters["delsp"]?.lowercased() == "yes"
            text = FormatFlowed.unflow(text, deleteSpace: deleteSpace)
            // Only deleting the space at a soft break can join two runs of marks into a longer one.
            if deleteSpace { text = StreamSafe.limited(text) }
        }
        // The charset's decoding left the text stream-safe, so normalising it is linear.
        return text.nfcNormalized
    }
}

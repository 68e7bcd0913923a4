/// The leaves of a message's MIME tree, in order: multiparts opened, every other part as it is.
enum MIMETree {
    /// Deeper nesting than any mail client writes. A hostile message cannot recurse beyond it, and since each
    /// level splits only its own body, no byte is looked at by more than this many splits.
    static let maximumDepth = 16

    /// The entity's leaves, depth first. A multipart that cannot be opened (no boundary, a boundary that never
    /// appears, or nesting at the limit) is a leaf itself, so that its bytes can still be read as text.
    static func leaves(of entity: MIMEEntity) -> [MIMEEntity] {
        var work = 0
        return leaves(of: entity, work: &work)
    }

    /// The entity's leaves; `work` counts the bytes the splits passed over, at most `maximumDepth` times the body.
    static func leaves(of entity: MIMEEntity, work: inout Int) -> [MIMEEntity] {
        var leaves: [MIMEEntity] = []
        collect(entity, depth: 0, into: &leaves, work: &work)
        return leaves
    }

    private static func collect(_ entity: MIMEEntity, depth: Int, into leaves: inout [MIMEEntity], work: inout Int) {
        let type = entity.contentType
        guard type.type == "multipart", depth < maximumDepth, let boundary = type.parameters["boundary"],
              !boundary.isEmpty else {
            leaves.append(entity)
            return
        }
        let parts = MultipartSplitter.parts(of: entity.body, boundary: boundary, work: &work)
        guard !parts.isEmpty else {
            leaves.append(entity)
            return
        }
        for part in parts {
            collect(MIMEEntity.parse(part), depth: depth + 1, into: &leaves, work: &work)
        }
    }
}

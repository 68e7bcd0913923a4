/// The `<id@host>` tokens of `Message-ID`, `In-Reply-To` and `References`, in order.
enum MessageIDList {
    /// Every bracketed id; comments and phrases between them, which old clients wrote, are skipped.
    static func ids(in value: String) -> [String] {
        var ids: [String] = []
        var current: String?
        for character in value {
            switch character {
            case "<": current = "<"
            case ">":
                if let open = current, open.count > 1 { ids.append(open + ">") }
                current = nil
            case " ", "\t", "\n", "\r": continue
            default: current?.append(character)
            }
        }
        return ids
    }
}

/// The lines a person wrote in a reply: neither the quoted reminder (`>` lines, top- or bottom-posted), nor the
/// attribution above it, nor an unquoted original below a separator or header block, nor a signature, a
/// closing formula or a phone's footer and what follows them.
struct OwnText {
    /// More own text than a completion report needs: beyond it the reply is a letter for a person, and reading
    /// stops there, so a hostile message costs at most this much careful reading.
    static let maximumSize = 4096

    /// The own lines, trimmed, empty ones left out, in order, in NFC.
    let lines: [String]
    /// Whether the own text ran past `maximumSize` (its last line is the one that did, not normalised).
    let isLong: Bool

    /// The own text of a reply's body.
    init(_ body: String) {
        let raw = LineEnds.lines(body)
        var lines: [String] = []
        var size = 0
        var isLong = false
        var index = 0
        scan: while index < raw.count {
            // Quoted and empty lines are passed over without building a string: a long quote is cheap to skip.
            let first = raw[index].unicodeScalars.first { !$0.properties.isWhitespace }
            guard let first, first != ">" else {
                index += 1
                continue
            }
            switch QuoteBoundary.kind(at: index, in: raw) {
            case .end:
                break scan
            case .attribution(let count):
                // Above a quote the attribution is stepped over, so that an answer written below the quote
                // (bottom-posting) is still read; above anything else it starts an unquoted original.
                let next = raw[(index + count)...].firstIndex { !$0.trimmingWhitespace().isEmpty }
                guard let next, raw[next].trimmingWhitespace().hasPrefix(">") else { break scan }
                index = next
                continue
            case nil:
                let line = raw[index].trimmingWhitespace()
                size += line.utf8.count
                guard size <= Self.maximumSize else {
                    lines.append(line)
                    isLong = true
                    break scan
                }
                // Normalised line by line: only the own text is read closely, however long the quote below it.
                lines.append(line.precomposedNFC)
                index += 1
            }
        }
        self.lines = lines
        self.isLong = isLong
    }
}

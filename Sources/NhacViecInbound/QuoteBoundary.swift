/// The lines where a reply's own text ends: the attribution above a quote, a forwarded-message header,
/// a signature delimiter or a "Sent from" footer, in the shapes common clients write them.
enum QuoteBoundary {
    /// Whether the line at `index` starts the quoted or trailing part of the reply.
    static func starts(at index: Int, in lines: [String]) -> Bool {
        let line = lines[index].trimmingWhitespace()
        if isSignatureDelimiter(lines[index]) { return true }
        let folded = VietnameseFolding.fold(line)
        if isSeparator(folded) || isFooter(folded) { return true }
        // An attribution may be wrapped onto a second line ("On Fri, 12 Dec 2025 Nhắc việc <\nx@y> wrote:").
        let next = index + 1 < lines.count ? VietnameseFolding.fold(lines[index + 1].trimmingWhitespace()) : ""
        if isAttribution(folded) || isAttribution(folded + " " + next) { return true }
        return isHeaderBlock(at: index, in: lines)
    }

    /// RFC 3676's `-- `; many clients strip the trailing space, so a bare `--` counts too.
    private static func isSignatureDelimiter(_ line: String) -> Bool {
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        return trimmed == "-- " || trimmed == "--"
    }

    /// The rules that introduce an original message: Outlook's `-----Original Message-----` (`-----Thư gốc-----`
    /// in Vietnamese), Android's `-------- Tin nhắn gốc --------`, and Outlook on the web's line of underscores.
    private static func isSeparator(_ folded: String) -> Bool {
        if folded.count >= 20, folded.allSatisfy({ $0 == "_" }) { return true }
        guard folded.hasPrefix("-----") else { return false }
        let words = folded.filter { $0.isLetter }
        return ["originalmessage", "thugoc", "tinnhangoc", "forwardedmessage", "messagegoc", "thuchuyentiep"]
            .contains(words)
    }

    /// "Sent from my iPhone", "Gửi từ iPhone của tôi", "Được gửi từ điện thoại…", "Get Outlook for Android".
    private static func isFooter(_ folded: String) -> Bool {
        ["sent from my ", "sent from outlook", "sent from mail for", "sent from yahoo", "get outlook for ",
         "gui tu iphone", "gui tu ipad", "gui tu dien thoai", "gui tu thiet bi", "gui tu outlook",
         "gui tu ung dung", "gui tu samsung", "duoc gui tu "].contains { folded.hasPrefix($0) }
    }

    /// "On … wrote:", "Vào … đã viết:", "Le … a écrit :", "Am … schrieb:", "El … escribió:".
    private static func isAttribution(_ folded: String) -> Bool {
        let line = folded.replacingOccurrences(of: " :", with: ":")
        let shapes = [("on ", "wrote:"), ("vao ", "da viet:"), ("le ", "a ecrit:"), ("am ", "schrieb:"), ("el ", "escribio:")]
        return shapes.contains { line.hasPrefix($0.0) && line.hasSuffix($0.1) }
    }

    /// Outlook's header block: a `From:` line followed within a few lines by `Sent:` or `Date:`, in English,
    /// Vietnamese (`Từ:` … `Đã gửi:`/`Ngày:`) or French (`De :` … `Envoyé :`).
    private static func isHeaderBlock(at index: Int, in lines: [String]) -> Bool {
        let folded = VietnameseFolding.fold(lines[index].trimmingWhitespace()).replacingOccurrences(of: " :", with: ":")
        guard ["from:", "tu:", "de:"].contains(where: { folded.hasPrefix($0) }) else { return false }
        let following = lines[(index + 1)...].prefix(4).map {
            VietnameseFolding.fold($0.trimmingWhitespace()).replacingOccurrences(of: " :", with: ":")
        }
        return following.contains { line in
            ["sent:", "date:", "da gui:", "ngay:", "envoye:", "gesendet:", "to:", "den:"].contains { line.hasPrefix($0) }
        }
    }
}

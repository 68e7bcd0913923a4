import NhacViecCore
import Foundation

/// The lines where a reply's own text stops or steps over a quote: the attribution above a quote, a forwarded
/// header, a signature, a closing formula or a "Sent from" footer, in the shapes common clients write them.
enum QuoteBoundary {
    /// What a line is to the reading of the reply's own text.
    enum Kind: Equatable {
        /// "On … wrote:" over this many lines (1, or 2 when the client wrapped it).
        case attribution(lines: Int)
        /// The own text ends here: what follows is the original, a signature or a footer.
        case end
    }

    /// Longer lines are never boundaries: every shape above is short, and a long line is not folded for nothing.
    static let maximumLength = 1000

    /// What the line at `index` is, or nil for an ordinary line.
    static func kind(at index: Int, in lines: [Substring]) -> Kind? {
        let raw = lines[index]
        guard raw.utf8.count <= maximumLength else { return nil }
        if isSignatureDelimiter(raw) { return .end }
        let folded = fold(raw)
        if isSeparator(folded) || isFooter(folded) || isClosing(folded) { return .end }
        if isAttribution(folded) { return .attribution(lines: 1) }
        // An attribution may be wrapped onto a second line ("On Fri, 12 Dec 2025 Nhắc việc <\nx@y> wrote:").
        if index + 1 < lines.count, lines[index + 1].utf8.count <= maximumLength,
           isAttribution(folded + " " + fold(lines[index + 1])) {
            return .attribution(lines: 2)
        }
        return isHeaderBlock(folded, following: lines[(index + 1)...].prefix(4)) ? .end : nil
    }

    /// The line trimmed and folded, with `Subject :` written as `Subject:` as French clients space it.
    private static func fold(_ line: Substring) -> String {
        VietnameseFolding.fold(line.trimmingWhitespace()).replacingOccurrences(of: " :", with: ":")
    }

    /// RFC 3676's `-- `; many clients strip the trailing space, so a bare `--` counts too.
    private static func isSignatureDelimiter(_ line: Substring) -> Bool {
        line == "-- " || line == "--"
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

    /// A closing formula on a line of its own ("Trân trọng,", "Trân trọng cảm ơn!", "Thanks"): the name, title
    /// and telephone number below it are a signature, not the answer.
    private static func isClosing(_ folded: String) -> Bool {
        let words = folded.split { !$0.isLetter }
        if words.count <= 5, words.starts(with: ["tran", "trong"]) { return true }
        return ["than", "than men", "thanks", "thank you", "best regards", "regards", "kind regards", "kinh thu"]
            .contains(words.joined(separator: " "))
    }

    /// "On … wrote:", "Vào … đã viết:", "Le … a écrit :", "Am … schrieb:", "El … escribió:".
    private static func isAttribution(_ folded: String) -> Bool {
        let shapes = [
            ("on ", "wrote:"), ("vao ", "da viet:"), ("le ", "a ecrit:"), ("am ", "schrieb:"), ("el ", "escribio:"),
        ]
        return shapes.contains { folded.hasPrefix($0.0) && folded.hasSuffix($0.1) }
    }

    /// Outlook's header block: a `From:` line followed within a few lines by `Sent:` or `Date:`, in English,
    /// Vietnamese (`Từ:` … `Đã gửi:`/`Ngày:`) or French (`De :` … `Envoyé :`).
    private static func isHeaderBlock(_ folded: String, following: ArraySlice<Substring>) -> Bool {
        guard ["from:", "tu:", "de:"].contains(where: { folded.hasPrefix($0) }) else { return false }
        return following.contains { line in
            guard line.utf8.count <= maximumLength else { return false }
            let next = fold(line)
            let fields = ["sent:", "date:", "da gui:", "ngay:", "envoye:", "gesendet:", "to:", "den:"]
            return fields.contains { next.hasPrefix($0) }
        }
    }
}

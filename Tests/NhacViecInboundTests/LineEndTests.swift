import Foundation
import Testing
@testable import NhacViecInbound

/// Line ends inside a body: CRLF, CR and LF end a line alike, after every transfer encoding.
struct LineEndTests {
    private static let head = "From: Phòng Tư pháp <tuphap@badon.example.gov.vn>\r\nMIME-Version: 1.0\r\n"

    /// A message whose text/plain body is `text`, sent in the named transfer encoding.
    private func message(_ text: String, encoding: String, contentType: String = "text/plain; charset=utf-8")
        throws -> InboundMessage {
        let bytes = Array(text.utf8)
        let body: String
        switch encoding {
        case "base64": body = Data(bytes).base64EncodedString(options: .lineLength76Characters) + "\r\n"
        case "quoted-printable": body = bytes.map { String(format: "=%02X", $0) }.joined().chunked(72)
        default: body = text
        }
        let raw = Self.head + "Content-Type: \(contentType)\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n" + body
        return try InboundMessage(bytes: Array(raw.utf8))
    }

    @Test("CRLF, CR and LF inside the body give the same lines in every transfer encoding",
          arguments: ["7bit", "8bit", "quoted-printable", "base64"], ["\r\n", "\r", "\n"])
    func sameLines(encoding: String, lineEnd: String) throws {
        let text = ["Xong", "", "Chưa có số văn bản, sẽ gửi sau.", ""].joined(separator: lineEnd)
        let body = try message(text, encoding: encoding).body
        #expect(body == "Xong\n\nChưa có số văn bản, sẽ gửi sau.\n")
    }

    @Test("\"Xong\", a blank line and \"Chưa có số văn bản\" in base64 with CRLF reads as the completion it is")
    func base64CompletionAboveALaterLine() throws {
        let body = try message("Xong\r\n\r\nChưa có số văn bản, sẽ gửi sau.\r\n", encoding: "base64").body
        #expect(ReplyReader.read(body) == .completion(note: nil, ref: nil, date: nil))
    }

    @Test("an iPhone \"Xong\" above a quoted plan in base64 with CRLF takes neither note nor number from the quote")
    func iPhoneQuoteIsNotTheNote() throws {
        let text = """
            Xong\r
            \r
            Sent from my iPhone\r
            \r
            > On 12 Dec 2025, at 07:30, Nhắc việc <nhacviec+wd4kzbm3p6txr2va@badon.example.gov.vn> wrote:\r
            >\r
            > Thực hiện Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường, đề nghị Phòng Tư pháp\r
            > gửi báo cáo kết quả trước ngày 12/12/2025.\r

            """
        let body = try message(text, encoding: "base64").body
        #expect(body.hasPrefix("Xong\n\nSent from my iPhone\n"))
        #expect(ReplyReader.read(body) == .completion(note: nil, ref: nil, date: nil))
    }

    @Test("format=flowed lines with CRLF in base64 join into one paragraph, and the quote keeps its own lines")
    func flowedWithCRLF() throws {
        let text = "Đã hoàn thành, đã gửi danh sách \r\nvề Văn phòng.\r\n\r\n> Kính gửi: Phòng Tư pháp\r\n"
        let body = try message(text, encoding: "base64", contentType: "text/plain; charset=utf-8; format=flowed").body
        #expect(body == "Đã hoàn thành, đã gửi danh sách về Văn phòng.\n\n> Kính gửi: Phòng Tư pháp\n")
    }

    @Test("splitting text into lines treats CRLF as one line end and a lone CR as one")
    func lineSplitting() {
        #expect(LineEnds.lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"])
        #expect(LineEnds.lines("a\r\n\r\n") == ["a", "", ""])
        #expect(LineEnds.normalized(Array("a\r\nb\rc\n\r".utf8)) == Array("a\nb\nc\n\n".utf8))
    }
}

private extension String {
    /// Quoted-printable text cut into lines of `width` with soft breaks, never inside an escape; the encoded text
    /// carries its own line ends, so the body ends without a hard one.
    func chunked(_ width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for escape in split(separator: "=").map({ "=" + $0 }) {
            if line.count + escape.count > width - 1 {
                lines.append(line + "=")
                line = ""
            }
            line += escape
        }
        return (lines + [line]).joined(separator: "\r\n")
    }
}

import Foundation
import Testing
@testable import NhacViecInbound

/// Reading whole messages: headers, addresses, MIME structure, transfer encodings and charsets.
struct InboundMessageTests {
    @Test("a Thunderbird reply with CRLF and a Return-Path line yields its decoded headers and addresses")
    func thunderbirdHeaders() throws {
        let message = try Fixture.message("thunderbird-flowed.eml")
        #expect(message.returnPath == "vhxh@badon.example.gov.vn")
        #expect(message.from == "vhxh@badon.example.gov.vn")
        #expect(message.header("from")?.hasPrefix("Phòng Văn hóa - Xã hội <") == true)
        #expect(message.subject == "Re: [Nhắc việc] Gửi danh sách tổ thư ký")
        #expect(message.to == ["nhacviec+k5tq3wzx7mfa2hbd@badon.example.gov.vn"])
        #expect(message.deliveredTo == ["nhacviec+k5tq3wzx7mfa2hbd@badon.example.gov.vn"])
        #expect(message.messageID == "<3f1c2a9e-5d41-4c0b-9a7e-1b2c3d4e5f60@badon.example.gov.vn>")
        #expect(message.inReplyTo == ["<advance.20251205.gui-danh-sach.ba-don-2025@badon.example.gov.vn>"])
        #expect(message.references == ["<task.gui-danh-sach.ba-don-2025@badon.example.gov.vn>",
                                       "<advance.20251205.gui-danh-sach.ba-don-2025@badon.example.gov.vn>"])
    }

    @Test("format=flowed lines are joined into one paragraph and quotes keep their > marks")
    func flowedBody() throws {
        let lines = try Fixture.message("thunderbird-flowed.eml").body.components(separatedBy: "\n")
        #expect(lines[0] == "Đã hoàn thành, đã gửi danh sách 05 cán bộ về Văn phòng HĐND và UBND phường qua hệ thống quản lý văn bản.")
        #expect(lines.contains("> Kính gửi: Phòng Văn hóa - Xã hội"))
        #expect(!lines.contains { $0.hasSuffix("\r") })
    }

    @Test("the same message with LF and with CRLF line ends reads the same")
    func lineEndings() throws {
        let crlf = try Fixture.bytes("thunderbird-flowed.eml")
        var lf: [UInt8] = []
        for (index, byte) in crlf.enumerated() where !(byte == 13 && crlf[index + 1] == 10) { lf.append(byte) }
        #expect(lf.count < crlf.count)
        let a = try InboundMessage(bytes: crlf), b = try InboundMessage(bytes: lf)
        #expect(a.body == b.body && a.subject == b.subject && a.references == b.references)
    }

    @Test("an HTML-only Outlook reply in windows-1258 and base64 becomes NFC text without its style sheet")
    func outlookWindows1258() throws {
        let message = try Fixture.message("outlook-html-windows-1258.eml")
        #expect(message.subject == "RE: [Nhắc việc] Trả lời kiến nghị")
        #expect(message.header("From") == "Văn phòng HĐND và UBND <vanphong@badon.example.gov.vn>")
        #expect(message.header("To")?.hasPrefix("Nhắc việc <") == true)
        let lines = message.body.components(separatedBy: "\n")
        #expect(lines.first == "Đã trả lời tại văn bản số 45/UBND-VP ngày 20/12/2025 của UBND phường.")
        #expect(lines.contains("From: Nhắc việc <nhacviec+m2rx7kq4vcdzw3cs@badon.example.gov.vn>"))
        #expect(lines.contains("Sent: Friday, December 12, 2025 7:30 AM"))
        #expect(!message.body.contains("MsoNormal") && !message.body.contains("spidmax"))
        #expect(message.body == message.body.precomposedStringWithCanonicalMapping)
    }

    @Test("multipart/related around multipart/alternative: the text/plain part wins over HTML and the image")
    func outlookNested() throws {
        let message = try Fixture.message("outlook-related-utf8.eml")
        #expect(message.from == "KTHTDT@Badon.Example.Gov.VN")
        #expect(message.header("From") == "Lê Văn Nam <KTHTDT@Badon.Example.Gov.VN>")
        #expect(message.body.hasPrefix("Chưa xong, xin gia hạn đến hết ngày 26/12/2025"))
        #expect(message.body.contains("-----Original Message-----"))
        #expect(!message.body.contains("<div>"))
    }

    @Test("Gmail's quoted-printable parts decode, and its Delivered-To is read")
    func gmail() throws {
        let message = try Fixture.message("gmail-alternative-qp.eml")
        #expect(message.deliveredTo == ["nhacviec+q3vbn5wk2rty7xhu@badon.example.gov.vn"])
        #expect(message.header("From") == "Tổ dân phố số 3 <to.dan.pho.3.badon@gmail.com>")
        #expect(message.body.hasPrefix("Đã hoàn thành\n\nVào Th 6, 12 thg 12, 2025 lúc 07:30 Nhắc việc <\n"))
    }

    @Test("Gmail's HTML alone turns its blockquote into > lines and its entities into text")
    func gmailHTML() throws {
        let lines = try Fixture.message("gmail-html-only.eml").body.components(separatedBy: "\n")
        #expect(lines.first == "Đã hoàn thành")
        #expect(lines.contains("Vào Th 6, 12 thg 12, 2025 lúc 07:30 Nhắc việc <nhacviec+q3vbn5wk2rty7xhu@badon.example.gov.vn> đã viết:"))
        #expect(lines.contains("> Kính gửi: Phòng Văn hóa - Xã hội"))
        #expect(lines.contains("> Khi đã hoàn thành, xin trả lời thư này: \"Đã hoàn thành\"."))
    }

    @Test("a windows-1258 8bit body with combining tones becomes NFC, matching typed text")
    func plainWindows1258() throws {
        let body = try Fixture.message("plain-windows-1258.eml").body
        #expect(body.hasPrefix("Đã hoàn thành."))
        #expect(body.unicodeScalars.first?.value == 0x110)
        #expect(body.unicodeScalars.dropFirst().first?.value == 0xE3)
        #expect(body.contains("Phòng Địa chính"))
    }

    @Test("bytes with no header section are refused with a typed error")
    func garbage() throws {
        let error = try #require(throws: InboundError.self) { try Fixture.message("garbage.bin") }
        #expect(error.code == .notAMessage)
        #expect(throws: InboundError.self) { try InboundMessage(bytes: []) }
        #expect(throws: InboundError.self) { try InboundMessage(bytes: Array("just a line of text\n".utf8)) }
    }

    @Test("a multipart whose boundary never appears, bad escapes and bad encoded-words degrade to readable text")
    func brokenMIME() throws {
        let message = try Fixture.message("broken-mime.eml")
        #expect(message.body.hasPrefix("Đã hoàn thành =ZZ phần việc"))
        #expect(message.subject == "=?utf-8?B?#broken#?= =?utf-8?X?zz?= Đ ok")
        #expect(ReplyReader.read(message.body) == .completion(note: "=ZZ phần việc", ref: nil, date: nil))
    }

    @Test("a message larger than the limit keeps its header, so that the forward can say who sent it, and its body is never read")
    func tooLarge() throws {
        let bytes = Array("Subject: x\nFrom: a@b.vn\n\nXong\n".utf8) + [UInt8](repeating: 65, count: InboundMessage.maximumSize)
        let message = try InboundMessage(bytes: bytes)
        #expect(message.isOversized)
        #expect(message.from == "a@b.vn")
        #expect(message.body.isEmpty)
    }

    @Test("an attached text file is never taken for the reply's text")
    func attachmentSkipped() throws {
        let raw = """
            From: a@b.vn
            Content-Type: multipart/mixed; boundary=XYZ

            --XYZ
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: attachment; filename="bao-cao.txt"

            Đã hoàn thành (từ tệp đính kèm)
            --XYZ
            Content-Type: text/html; charset=utf-8

            <p>Chưa xong</p>
            --XYZ--
            """
        #expect(try InboundMessage(bytes: Array(raw.utf8)).body == "Chưa xong")
    }

    @Test("nesting deeper than the limit stops descending instead of recursing without end")
    func deepNesting() throws {
        var raw = "From: a@b.vn\nContent-Type: multipart/mixed; boundary=b0\n\n"
        for depth in 1...40 { raw += "--b\(depth - 1)\nContent-Type: multipart/mixed; boundary=b\(depth)\n\n" }
        raw += "--b40\nContent-Type: text/plain\n\nXong\n"
        let message = try InboundMessage(bytes: Array(raw.utf8))
        // The multipart at the limit is read as text rather than opened.
        #expect(message.body.hasPrefix("--b\(MIMETree.maximumDepth)\n"))
        #expect(message.body.hasSuffix("Xong"))
    }

    @Test("creating a message reads its header section only and keeps the body's bytes as they came")
    func headerOnly() throws {
        let body = "<html><style>" + String(repeating: "</p ", count: 1000) + "></html>\r\n"
        let head = "From: a@b.vn\r\nSubject: =?utf-8?Q?Tr=E1=BA=A3_l=E1=BB=9Di?=\r\nContent-Type: text/html\r\n\r\n"
        let raw = head + body
        let message = try InboundMessage(bytes: Array(raw.utf8))
        #expect(message.subject == "Trả lời")
        #expect(Array(message.entity.body) == Array(body.utf8))
        #expect(message.text() == message.body)
    }

    @Test("a delivery report's parts are reachable: the status fields and the enclosed original's header")
    func deliveryReportParts() throws {
        let raw = """
            From: MAILER-DAEMON@badon.example.gov.vn\r
            To: nhacviec@badon.example.gov.vn\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r
            \r
            --R\r
            Content-Type: text/plain; charset=us-ascii\r
            \r
            The mail system could not deliver your message.\r
            --R\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; badon.example.gov.vn\r
            \r
            Final-Recipient: rfc822; tuphap@badon.example.gov.vn\r
            Action: failed\r
            Status: 5.1.1\r
            --R\r
            Content-Type: message/rfc822\r
            \r
            Message-ID: <advance.20251216.chuan-bi.ba-don-2025@badon.example.gov.vn>\r
            Subject: =?utf-8?Q?=5BNh=E1=BA=AFc_vi=E1=BB=87c=5D?=\r
            \r
            Kính gửi: Phòng Tư pháp\r
            --R--\r

            """
        let parts = try InboundMessage(bytes: Array(raw.utf8)).parts()
        #expect(parts.map(\.mediaType) == ["text/plain", "message/delivery-status", "message/rfc822"])
        #expect(parts[0].parameter("Charset") == "us-ascii")
        #expect(parts[1].text().contains("\nAction: failed\nStatus: 5.1.1"))
        let original = try parts[2].message()
        #expect(original.messageID == "<advance.20251216.chuan-bi.ba-don-2025@badon.example.gov.vn>")
        #expect(original.subject == "[Nhắc việc]")
        #expect(original.body == "Kính gửi: Phòng Tư pháp")
    }

    @Test("a message that is not multipart is its own only part, with its header and decoded body")
    func singlePart() throws {
        let message = try Fixture.message("apple-iphone.eml")
        let parts = message.parts()
        #expect(parts.count == 1)
        #expect(parts.first?.mediaType == "text/plain")
        #expect(parts.first?.header("Subject") == "Re: [Nhắc việc] Chuẩn bị hội trường")
        #expect(parts.first?.isAttachment == false)
        let body = parts.first.map { String(decoding: $0.decodedBody(), as: UTF8.self) }
        #expect(body?.hasPrefix("Xong rồi ạ.\n") == true)
    }
}

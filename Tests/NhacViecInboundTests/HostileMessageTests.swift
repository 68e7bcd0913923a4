import Foundation
import Testing
@testable import NhacViecInbound

/// Anyone can mail the reply address, so reading a message must cost time in proportion to its size whatever its
/// shape. The work of the scans is counted where the code counts it. The whole reading is also timed, in this
/// debug build (several times slower than the shipped one) and beside other tests running in parallel: two
/// seconds for the two shapes issue 17 measured (minutes before), and a bound of ten seconds elsewhere, which
/// only a hang breaks.
@Suite(.serialized)
struct HostileMessageTests {
    private static let limit = Duration.seconds(2)
    private static let hangLimit = Duration.seconds(10)

    /// A message from a department with one body part of the given type and encoding.
    private func message(_ body: [UInt8], type: String, encoding: String = "8bit", subject: String = "Re: nhắc việc")
        throws -> InboundMessage {
        let head = "From: a@badon.example.gov.vn\r\nSubject: \(subject)\r\nContent-Type: \(type)\r\n"
            + "Content-Transfer-Encoding: \(encoding)\r\n\r\n"
        return try InboundMessage(bytes: Array(head.utf8) + body)
    }

    /// The text and reading of the message, and how long the two took.
    private func read(_ message: InboundMessage) -> (text: String, reading: ReplyReading, elapsed: Duration) {
        var text = "", reading = ReplyReading.empty
        let elapsed = ContinuousClock().measure {
            text = message.text()
            reading = ReplyReader.read(text)
        }
        return (text, reading, elapsed)
    }

    @Test("a 1.2 MB HTML part with 300,000 unclosed end tags after a style element reads in under 2 s")
    func unclosedEndTags() throws {
        let html = "<p>Xong</p><style>" + String(repeating: "</p ", count: 300_000) + ">"
        var work = 0
        _ = HTMLText.plainText(html, work: &work)
        #expect(work <= 3 * html.utf8.count, "\(work) steps")
        let (text, reading, elapsed) = read(try message(Array(html.utf8), type: "text/html; charset=utf-8"))
        #expect(elapsed < Self.limit, "took \(elapsed)")
        // The first unclosed end tag runs to the document's only >, so the style's content is one long tag.
        #expect(text == "Xong")
        #expect(reading == .completion(note: nil, ref: nil, date: nil))
    }

    @Test("a 4 MB format=flowed paragraph reads in under 2 s, each line written once")
    func flowedParagraph() throws {
        let line = "Đã hoàn thành phần việc của phòng, đã gửi báo cáo về Văn phòng \r\n"
        let body = String(repeating: line, count: 4_000_000 / line.utf8.count) + "Xong.\r\n"
        var work = 0
        _ = FormatFlowed.unflow(body, deleteSpace: false, work: &work)
        #expect(work <= 2 * body.utf8.count, "\(work) steps for \(body.utf8.count) bytes")
        let flowed = try message(Array(body.utf8), type: "text/plain; charset=utf-8; format=flowed")
        let (text, reading, elapsed) = read(flowed)
        #expect(elapsed < Self.limit, "took \(elapsed)")
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        // Four megabytes of own text is a letter for a person, not a completion report.
        #expect(reading == .other(firstLine: String(lines[0])))
    }

    @Test("a 1 MB windows-1258 body, every tone a combining mark, is brought to NFC in under 2 s")
    func windows1258() throws {
        // "Đã hoàn thành phần việc." as Outlook writes it: base letters, then the tones as combining marks.
        let line: [UInt8] = [
            0xD0, 0x61, 0xDE, 0x20, 0x68, 0x6F, 0x61, 0xCC, 0x6E, 0x20, 0x74, 0x68, 0x61, 0xCC, 0x6E, 0x68,
            0x20, 0x70, 0x68, 0xE2, 0xCC, 0x6E, 0x20, 0x76, 0x69, 0xEA, 0xF2, 0x63, 0x2E, 0x0D, 0x0A,
        ]
        let body = Array([[UInt8]](repeating: line, count: 1_000_000 / line.count).joined())
        let (text, _, elapsed) = read(try message(body, type: "text/plain; charset=windows-1258"))
        #expect(elapsed < Self.limit, "took \(elapsed)")
        #expect(text.hasPrefix("Đã hoàn thành phần việc.\nĐã"))
        #expect(text.unicodeScalars.allSatisfy { !(0x300...0x36F).contains($0.value) })
    }

    @Test("a letter with a million combining marks reads without a hang, in body and Subject, keeping 30 of them")
    func combiningMarks() throws {
        let marks = "a" + String(repeating: "\u{301}\u{323}", count: 500_000)
        let message = try message(Array(("Xong " + marks).utf8), type: "text/plain; charset=utf-8", subject: marks)
        let (text, _, elapsed) = read(message)
        #expect(elapsed < Self.hangLimit, "took \(elapsed)")
        #expect(text.unicodeScalars.count <= "Xong a".unicodeScalars.count + StreamSafe.maximumRun)
        var subject: String?
        let headerTime = ContinuousClock().measure { subject = message.subject }
        #expect(headerTime < Self.hangLimit, "took \(headerTime)")
        #expect(subject?.unicodeScalars.count ?? 0 <= 1 + StreamSafe.maximumRun)
    }

    @Test("the stream-safe cut keeps ordinary Vietnamese as it is and cuts only a run longer than 30 marks")
    func streamSafe() {
        let typed = "Đa\u{303} hoa\u{300}n tha\u{300}nh"
        #expect(StreamSafe.limited(typed).unicodeScalars.elementsEqual(typed.unicodeScalars))
        let long = "e" + String(repeating: "\u{302}", count: 31) + "x" + String(repeating: "\u{301}", count: 30)
        let cut = StreamSafe.limited(long)
        #expect(cut.unicodeScalars.count == long.unicodeScalars.count - 1)
    }

    @Test("16 nested multiparts around a 2 MB text are split at most 17 times over, and 20,000 parts once")
    func multiparts() throws {
        var nested = ""
        for depth in 0..<MIMETree.maximumDepth {
            nested += "--b\(depth)\r\nContent-Type: multipart/mixed; boundary=b\(depth + 1)\r\n\r\n"
        }
        nested += "--b\(MIMETree.maximumDepth)\r\nContent-Type: text/plain\r\n\r\nXong\r\n"
            + String(repeating: "> Kính gửi: Phòng Tư pháp, đề nghị báo cáo.\r\n", count: 40_000)
        let deepMessage = try message(Array(nested.utf8), type: "multipart/mixed; boundary=b0")
        var work = 0
        _ = MIMETree.leaves(of: deepMessage.entity, work: &work)
        #expect(work <= (MIMETree.maximumDepth + 1) * nested.utf8.count, "\(work) steps")
        let deep = read(deepMessage)
        #expect(deep.elapsed < Self.hangLimit, "took \(deep.elapsed)")
        #expect(deep.text.hasPrefix("--b16\nContent-Type: text/plain\n"))

        let part = "--m\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        let many = String(repeating: part, count: 20_000) + "--m\r\nContent-Type: text/plain\r\n\r\nXong\r\n--m--\r\n"
        let wideMessage = try message(Array(many.utf8), type: "multipart/mixed; boundary=m")
        work = 0
        let leaves = MIMETree.leaves(of: wideMessage.entity, work: &work)
        #expect(leaves.count == 20_001)
        #expect(work <= 2 * many.utf8.count, "\(work) steps")
        let wide = read(wideMessage)
        #expect(wide.elapsed < Self.hangLimit, "took \(wide.elapsed)")
        #expect(wide.text == "Xong")
        #expect(wideMessage.parts().count == 20_001)
    }

    @Test("4 MB of quoted-printable escapes and 4 MB of base64 each read without a hang",
          arguments: ["quoted-printable", "base64"])
    func transferEncodings(encoding: String) throws {
        let text = Array(String(repeating: "> Đã hoàn thành phần việc của phòng.\r\n", count: 50_000).utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        let body = encoding == "base64"
            ? Array(Data(text).base64EncodedString(options: .lineLength76Characters).utf8)
            : text.flatMap { [UInt8(ascii: "="), hex[Int($0 >> 4)], hex[Int($0 & 15)]] }
        #expect(body.count > 3_000_000)
        let (decoded, reading, elapsed) = read(try message(body, type: "text/plain; charset=utf-8", encoding: encoding))
        #expect(elapsed < Self.hangLimit, "took \(elapsed)")
        #expect(decoded.hasPrefix("> Đã hoàn thành phần việc của phòng.\n> Đã"))
        #expect(reading == .empty)
    }
}

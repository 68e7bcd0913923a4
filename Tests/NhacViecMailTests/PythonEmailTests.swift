import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// Reads rendered messages back with Python's `email` package, an independent and strict MIME implementation.
struct PythonEmailTests {
    /// What Python makes of one message.
    struct Reading: Decodable {
        let subject: String
        let from: [[String]]
        let to: [[String]]
        let cc: [[String]]
        let replyTo: [[String]]
        let messageID: String
        let inReplyTo: String
        let references: String
        let date: String
        let contentType: String
        let charset: String
        let body: String
        let defects: [String]
    }

    static let script = #"""
        import email, email.policy, json, sys
        out = []
        for path in sys.argv[1:]:
            with open(path, "rb") as f:
                m = email.message_from_bytes(f.read(), policy=email.policy.default)
            def addresses(name):
                h = m[name]
                return [] if h is None else [[a.display_name, a.addr_spec] for a in h.addresses]
            defects = [type(d).__name__ for d in m.defects]
            for _, value in m.items():
                defects += [type(d).__name__ for d in getattr(value, "defects", ())]
            out.append({
                "subject": str(m["Subject"]), "from": addresses("From"), "to": addresses("To"),
                "cc": addresses("Cc"), "replyTo": addresses("Reply-To"),
                "messageID": str(m["Message-ID"]), "inReplyTo": str(m["In-Reply-To"]),
                "references": str(m["References"]), "date": m["Date"].datetime.isoformat(),
                "contentType": m.get_content_type(), "charset": m.get_content_charset(),
                # get_content() keeps the file's CRLF; the wire format is checked elsewhere, the text here.
                "body": m.get_content().replace("\r\n", "\n"), "defects": defects,
            })
        json.dump(out, sys.stdout)
        """#

    /// Writes the messages to a temporary directory and parses them all in one Python run; fails if there is no python3.
    static func read(_ mails: [OutgoingMail]) throws -> [Reading] {
        try JSONDecoder().decode([Reading].self, from: run(script, on: mails))
    }

    /// Runs a Python script with the paths of the messages, written to a temporary directory, as its arguments.
    static func run(_ script: String, on mails: [OutgoingMail]) throws -> Data {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nhacviec-mail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, mail) in mails.enumerated() {
            let url = directory.appendingPathComponent("\(index).eml")
            try mail.data.write(to: url)
            paths.append(url.path)
        }
        return try PythonScript.output(script, arguments: paths)
    }

    @Test("Python decodes the subject, display names and body back to the exact Vietnamese text")
    func pythonDecodesVietnamese() throws {
        let advance = BaDonMail.instance(.advance, "2025-12-05")
        let answers = BaDonMail.instance(.due, "2025-12-19", of: BaDonMail.answers)
        let escalation = BaDonMail.instance(.escalation, "2025-12-15")
        let mails = try [advance, answers, escalation].map { try BaDonMail.render($0) }
        let readings = try Self.read(mails)
        try #require(readings.count == 3)
        for reading in readings {
            #expect(reading.defects.isEmpty, "Python found defects: \(reading.defects)")
            #expect(reading.contentType == "text/plain" && reading.charset == "utf-8")
            #expect(reading.from == [["Nhắc việc UBND phường Ba Đồn", "nhacviec@badon.example.gov.vn"]])
            #expect(reading.replyTo == [["", "vanphong@badon.example.gov.vn"]])
        }
        let first = readings[0]
        #expect(first.subject == "[Nhắc việc] V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
        #expect(first.to == [["Văn phòng HĐND và UBND phường", "vanphong@badon.example.gov.vn"]])
        #expect(first.body == BaDonMail.advanceBody)
        #expect(first.date == "2025-12-05T07:30:00+07:00")

        let many = readings[1]
        #expect(many.subject == "[Đến hạn hôm nay] V/v tham dự và giải đáp ý kiến, kiến nghị của Nhân dân tại Hội nghị – chậm nhất ngày 19/12/2025")
        #expect(many.to == [
            ["Văn phòng HĐND và UBND phường", "vanphong@badon.example.gov.vn"],
            ["Phòng Văn hóa - Xã hội", "vhxh@badon.example.gov.vn"],
            ["Phòng Kinh tế, Hạ tầng và Đô thị", "kinhte@badon.example.gov.vn"],
            ["Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội", "mttq@badon.example.gov.vn"],
        ])
        #expect(many.cc == [["", "truongphong.vhxh@badon.example.gov.vn"]])
        #expect(many.body == ParsedMessage(mails[1].data).body)

        #expect(readings[2].to == [["Chủ tịch UBND phường", "chutich@badon.example.gov.vn"]])
        #expect(readings[2].body.hasPrefix("Kính gửi: Chủ tịch UBND phường\n"))
    }

    @Test("Python sees Message-ID, In-Reply-To and References link every reminder of a task to one thread")
    func pythonSeesOneThread() throws {
        let mails = try BaDonMail.instances().map { try BaDonMail.render($0) }
        let readings = try Self.read(mails)
        try #require(readings.count == mails.count)
        let root = "<giay-moi.ba-don-2025@badon.example.gov.vn>"
        for (mail, reading) in zip(mails, readings) {
            #expect(reading.messageID == mail.messageID)
            #expect(reading.inReplyTo == root)
            #expect(reading.references == root)
        }
        #expect(Set(readings.map(\.messageID)).count == mails.count)
    }

    @Test("Python reads the failure report's subject, body and its link to the undelivered reminder")
    func pythonReadsFailureReport() throws {
        let instance = BaDonMail.instance(.overdue, "2025-12-16")
        let report = try BaDonMail.mailer.renderFailureReport(plan: BaDonMail.plan, instance: instance,
                                                              reason: "sendmail: lỗi tạm thời\nthử lại sau",
                                                              attempts: 4, calendar: BaDonMail.calendar,
                                                              now: Fixtures.instant("2025-12-16T12:00"))
        let reading = try #require(try Self.read([report]).first)
        #expect(reading.defects.isEmpty)
        #expect(reading.subject == "[Lỗi gửi thư] Không gửi được nhắc việc V/v tham mưu Giấy mời Hội nghị đối thoại năm 2025 – chậm nhất ngày 12/12/2025")
        #expect(reading.inReplyTo == "<overdue.20251216.giay-moi.ba-don-2025@badon.example.gov.vn>")
        #expect(reading.body.contains("\nsendmail: lỗi tạm thời\nthử lại sau\n"))
        #expect(reading.body.contains("Loại thư: nhắc quá hạn\n"))
    }
}

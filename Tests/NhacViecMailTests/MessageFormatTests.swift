import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The shape of the message on the wire: line endings, line lengths, the fields and their values.
struct MessageFormatTests {
    static var allMessages: [OutgoingMail] {
        get throws {
            let reminders = try (BaDonMail.instances() + BaDonMail.instances(of: BaDonMail.answers)).map { try BaDonMail.render($0) }
            let report = try BaDonMail.mailer.renderFailureReport(
                plan: BaDonMail.plan, instance: BaDonMail.instance(.due, "2025-12-12"),
                reason: "sendmail: exit 75: " + String(repeating: "Không kết nối được máy chủ thư. ", count: 20),
                attempts: 5, calendar: BaDonMail.calendar, now: Fixtures.instant("2025-12-12T09:00"))
            return reminders + [report]
        }
    }

    @Test("every line ends in CRLF and there is no bare CR or LF")
    func crlfOnly() throws {
        for mail in try Self.allMessages {
            let bytes = Array(mail.data)
            #expect(bytes.suffix(2) == [13, 10])
            for (index, byte) in bytes.enumerated() {
                if byte == 10 { #expect(index > 0 && bytes[index - 1] == 13, "bare LF in \(mail.messageID)") }
                if byte == 13 { #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "bare CR in \(mail.messageID)") }
            }
        }
    }

    @Test("no line of any message exceeds 78 characters, and the whole message is 7-bit ASCII")
    func lineLengths() throws {
        for mail in try Self.allMessages {
            #expect(mail.data.allSatisfy { $0 < 128 }, "8-bit data in \(mail.messageID)")
            for line in ParsedMessage(mail.data).lines {
                #expect(line.count <= 78, "\(line.count) characters in \(mail.messageID): \(line)")
            }
        }
    }

    @Test("the header carries the fields the office and RFC 3834 need, each once")
    func fieldsPresent() throws {
        let message = ParsedMessage(try BaDonMail.render(BaDonMail.instance(.advance, "2025-12-05")).data)
        for name in ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
                     "Auto-Submitted", "X-Auto-Response-Suppress", "MIME-Version", "Content-Type",
                     "Content-Transfer-Encoding"] {
            #expect(message.count(name) == 1, "\(name) appears \(message.count(name)) times")
        }
        #expect(message.count("Precedence") == 0)
        #expect(message.count("Cc") == 0)
        #expect(message["Auto-Submitted"] == "auto-generated")
        #expect(message["X-Auto-Response-Suppress"] == "All")
        #expect(message["MIME-Version"] == "1.0")
        #expect(message["Content-Type"] == "text/plain; charset=utf-8")
        #expect(message["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(message["Reply-To"] == "vanphong@badon.example.gov.vn")
        #expect(message.decoded("From") == "Nhắc việc UBND phường Ba Đồn <nhacviec@badon.example.gov.vn>")
        #expect(message.decoded("To") == "Văn phòng HĐND và UBND phường <vanphong@badon.example.gov.vn>")
    }

    @Test("several owners are all in To by name, their copies in Cc, and the envelope is the instance's recipients")
    func severalOwners() throws {
        let instance = BaDonMail.instance(.due, "2025-12-19", of: BaDonMail.answers)
        let mail = try BaDonMail.render(instance)
        let message = ParsedMessage(mail.data)
        #expect(message.decoded("To") == "Văn phòng HĐND và UBND phường <vanphong@badon.example.gov.vn>, "
                + "Phòng Văn hóa - Xã hội <vhxh@badon.example.gov.vn>, "
                + "Phòng Kinh tế, Hạ tầng và Đô thị <kinhte@badon.example.gov.vn>, "
                + "Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội <mttq@badon.example.gov.vn>")
        #expect(message["Cc"] == "truongphong.vhxh@badon.example.gov.vn")
        #expect(mail.recipients == instance.recipients)
        #expect(mail.recipients.contains("truongphong.vhxh@badon.example.gov.vn"))
        #expect(mail.envelopeSender == "nhacviec@badon.example.gov.vn")
    }

    @Test("an escalation is addressed to the escalation recipients, not the owners")
    func escalationAddressing() throws {
        let mail = try BaDonMail.render(BaDonMail.instance(.escalation, "2025-12-15"))
        let message = ParsedMessage(mail.data)
        #expect(message.decoded("To") == "Chủ tịch UBND phường <chutich@badon.example.gov.vn>")
        #expect(mail.recipients == ["chutich@badon.example.gov.vn"])
    }

    @Test("Reply-To is left out when the plan has no admins")
    func noReplyTo() throws {
        var plan = BaDonMail.plan
        plan.admins = []
        let message = ParsedMessage(try BaDonMail.render(BaDonMail.instance(.advance, "2025-12-05"), plan: plan).data)
        #expect(message.count("Reply-To") == 0)
        #expect(!message.body.contains("liên hệ"))
    }

    @Test("line breaks smuggled into names, titles or the sender cannot add header fields")
    func headerInjection() throws {
        var plan = BaDonMail.plan
        plan.departments[0].name = "Văn phòng\r\nBcc: attacker@evil.example"
        plan.tasks[0].title = "Giấy mời\nBcc: attacker@evil.example"
        plan.admins = ["vanphong@badon.example.gov.vn\r\nBcc: attacker@evil.example"]
        let mailer = MessageComposer(from: "Nhắc việc\r\nBcc: x@evil.example <nhacviec@badon.example.gov.vn>",
                                    envelopeSender: "nhacviec@badon.example.gov.vn")
        let instance = BaDonMail.instance(.advance, "2025-12-05")
        let mail = try mailer.render(plan: plan, instance: instance, calendar: BaDonMail.calendar, now: instance.at, isLate: false)
        let message = ParsedMessage(mail.data)
        #expect(message.count("Bcc") == 0)
        #expect(message.fields.allSatisfy { !$0.name.contains(" ") })
    }

    @Test("an instance of a task the plan no longer has is an error with a code, not a crash")
    func unknownTask() throws {
        var instance = BaDonMail.instance(.advance, "2025-12-05")
        instance.taskID = "gone"
        #expect(throws: MailError.self) { try BaDonMail.render(instance) }
        do { _ = try BaDonMail.render(instance) } catch { #expect(error.code == .unknownTask) }
    }
}

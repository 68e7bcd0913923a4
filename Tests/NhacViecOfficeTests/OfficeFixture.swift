import Foundation
import Logging
import NhacViecCore
import NhacViecInbound
import NhacViecMail
import NhacViecOffice
import TestSupport

/// An office with one plan, replies by mail on, an in-memory ledger and a recording transport.
struct OfficeFixture {
    static let domain = "badon.example.gov.vn"
    let key = try! ReplyKey(bytes: Array(0..<32))
    let ledger = InMemoryLedger()
    let transport = RecordingTransport()
    let address = try! ReplyAddress(replyTo: "nhacviec@\(domain)")
    var now = Fixtures.instant("2025-12-22T09:00")
    var configuration: Configuration
    var limit = ForwardLimit.standard

    init(tasks: [PlanTask] = [Fixtures.task("giay-moi", due: .absolute(Fixtures.date("2025-12-12")))]) {
        var settings = MainSettings.defaults(relativeTo: "/etc/nhacviec")
        settings.from = "Nhắc việc <nhacviec@\(Self.domain)>"
        settings.envelopeSender = "nhacviec@\(Self.domain)"
        settings.replyTo = "nhacviec@\(Self.domain)"
        settings.postmaster = "postmaster@\(Self.domain)"
        let plan = Fixtures.plan(id: "ba-don", tasks: tasks)
        configuration = Configuration(mainFile: "/etc/nhacviec/nhacviec.yaml", settings: settings,
                                      plans: [LoadedPlan(plan: plan, file: "ba-don.yaml", dueMarks: [], idMark: SourcePosition(line: 1, column: 1),
                                                         templatesMark: nil)], warnings: [])
    }

    var intake: ReplyIntake {
        ReplyIntake(configuration: configuration, ledger: ledger, transport: transport, key: key,
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), now: now, limit: limit)
    }

    func replyAddress(task: String = "giay-moi", department: String = "vp") -> String {
        address.address(for: ReplyToken(for: ReplyTarget(plan: "ba-don", task: task, department: department), key: key))
    }

    func bounceAddress(copy: Int64) -> String { address.address(for: CopyToken(.bounce, copy: copy, key: key)) }

    /// A plain text reply from `from` to `to`.
    static func reply(_ body: String, to: String, from: String = "vp@example.gov.vn", subject: String = "Re: V/v gửi giấy mời",
                      extra: String = "") -> Data {
        Data("""
            Return-Path: <\(from)>\r
            From: Văn phòng <\(from)>\r
            To: \(to)\r
            Subject: \(subject)\r
            Message-ID: <reply.\(UUID().uuidString)@example.gov.vn>\r
            \(extra)MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            """.utf8)
    }

    /// A postfix-style delivery report of the message `originalID` to `failed`, sent to `to`.
    static func deliveryReport(to: String, failed: String, status: String = "5.1.1", action: String = "failed",
                               originalID: String = "<x@y>") -> Data {
        Data("""
            Return-Path: <>\r
            From: MAILER-DAEMON@\(domain) (Mail Delivery System)\r
            To: \(to)\r
            Subject: Undelivered Mail Returned to Sender\r
            Auto-Submitted: auto-replied\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r
            \r
            --B1\r
            Content-Type: text/plain\r
            \r
            I'm sorry to have to inform you that your message could not be delivered.\r
            \r
            --B1\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; \(domain)\r
            \r
            Final-Recipient: rfc822; \(failed)\r
            Original-Recipient: rfc822;\(failed)\r
            Action: \(action)\r
            Status: \(status)\r
            Diagnostic-Code: X-Postfix; unknown user: "nobody"\r
            \r
            --B1\r
            Content-Type: text/rfc822-headers\r
            \r
            From: Nhắc việc <nhacviec@\(domain)>\r
            Message-ID: \(originalID)\r
            Subject: V/v gửi giấy mời\r
            \r
            --B1--\r
            """.utf8)
    }

    /// The text of a sent message, for assertions.
    static func text(_ mail: OutgoingMail) -> String { String(decoding: mail.data, as: UTF8.self) }
}

/// A sent message as Python's `email` reads it back: an independent decoder for the assertions.
struct ReadBack: Decodable {
    let subject: String
    let text: String
    let attachments: Int

    init(_ mail: OutgoingMail) throws {
        let script = """
            import email, email.policy, json, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            body = m.get_body(preferencelist=('plain',))
            parts = [p for p in m.walk() if p.get_content_type() == 'message/rfc822']
            print(json.dumps({'subject': str(m['Subject']), 'text': body.get_content() if body else '', 'attachments': len(parts)}))
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("readback-\(UUID().uuidString).eml")
        try mail.data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try PythonScript.output(script, arguments: [file.path])
        self = try JSONDecoder().decode(ReadBack.self, from: output)
    }
}

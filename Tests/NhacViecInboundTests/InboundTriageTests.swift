import Foundation
import NhacViecInbound
import Testing

/// What `nhacviec inbound` decides for each kind of message, before any file, ledger or sendmail is touched.
struct InboundTriageTests {
    let key = try! ReplyKey(bytes: Array(0..<32))
    let target = ReplyTarget(plan: "ba-don", task: "tra-loi", department: "vp")
    let other = ReplyTarget(plan: "ba-don", task: "tra-loi", department: "ca")

    var triage: InboundTriage {
        InboundTriage(index: ReplyTokenIndex(key: key, targets: [target, other]), key: key,
                      address: try! ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn"), ownAddresses: ["nhacviec@badon.example.gov.vn"])
    }

    func address(_ target: ReplyTarget) -> String {
        "nhacviec+\(ReplyToken(for: target, key: key).text)@badon.example.gov.vn"
    }

    func message(to: String, body: String, extra: String = "") throws -> InboundMessage {
        try InboundMessage(data: Data("""
            From: Văn phòng <vp@badon.example.gov.vn>\r
            To: \(to)\r
            Subject: Re: V/v trả lời kiến nghị\r
            \(extra)MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            """.utf8))
    }

    @Test("a completion reply to a department's own address marks that department, with the sender and document number")
    func completionIsRecorded() throws {
        let decision = triage.decide(try message(to: address(target), body: "Đã trả lời tại văn bản số 45/UBND-VP\r\n\r\n> Kính gửi"),
                                     recipient: address(target))
        guard case .complete(let found, let by, _, let ref, _) = decision else { Issue.record("got \(decision)"); return }
        #expect(found == target)
        #expect(by == "vp@badon.example.gov.vn")
        #expect(ref == "45/UBND-VP")
    }

    @Test("the envelope recipient decides the department, whatever the headers say")
    func recipientWins() throws {
        let decision = triage.decide(try message(to: address(target), body: "Xong"), recipient: address(other))
        guard case .complete(let found, _, _, _, _) = decision else { Issue.record("got \(decision)"); return }
        #expect(found == other)
    }

    @Test("a forged or unknown token marks nothing: only the ledger's past copies can tell a forgery from a task that left")
    func forgedTokenIsUnmatched() throws {
        let forged = "nhacviec+aaaaaaaaaaaaaaaa@badon.example.gov.vn"
        let decision = triage.decide(try message(to: forged, body: "Đã hoàn thành"), recipient: forged)
        #expect(decision == .unmatched(ReplyToken(text: "aaaaaaaaaaaaaaaa")!))
    }

    @Test("a vacation auto-reply saying 'đã hoàn thành' is automatic, never a completion")
    func automaticIsNeverACompletion() throws {
        let decision = triage.decide(try message(to: address(target), body: "Đã hoàn thành kỳ nghỉ", extra: "Auto-Submitted: auto-replied\r\n"),
                                     recipient: address(target))
        #expect(decision == .automatic(.target(target), reason: "automatic message (Auto-Submitted: auto-replied)"))
    }

    @Test("a question and a negation go to the plan's admins")
    func questionsAreForwarded() throws {
        for body in ["Xin hỏi hạn có lùi được không?", "Chưa xong, xin gia hạn"] {
            let decision = triage.decide(try message(to: address(target), body: body), recipient: address(target))
            guard case .forward(let found, _) = decision else { Issue.record("\(body): got \(decision)"); continue }
            #expect(found == target)
        }
    }

    @Test("a message that could not be read, or that carries no token, goes to the postmaster")
    func unreadableOrTokenless() throws {
        #expect(triage.decide(nil, recipient: nil) == .unknown(reason: "the message could not be read as mail"))
        let plain = triage.decide(try message(to: "nhacviec@badon.example.gov.vn", body: "Xong"), recipient: "nhacviec@badon.example.gov.vn")
        guard case .unknown = plain else { Issue.record("got \(plain)"); return }
    }

    @Test("automatic mail is never a completion, whatever it says: null or MAILER-DAEMON sender, reports, lists, Exchange replies")
    func everyKindOfAutomaticMail() throws {
        let to = address(target)
        let cases: [(extra: String, subject: String?)] = [
            ("Return-Path: <>\r\n", nil),
            ("Sender: x\r\nReturn-Path: <MAILER-DAEMON@mail.example.vn>\r\n", nil),
            ("Precedence: bulk\r\n", nil), ("Precedence: junk\r\n", nil), ("Precedence: list\r\n", nil),
            ("Auto-Submitted: auto-generated\r\n", nil),
            ("X-MS-Exchange-Inbox-Rules-Loop: vp@badon.example.gov.vn\r\n", nil),
            ("", "Automatic reply: V/v trả lời kiến nghị"),
            ("", "Trả lời tự động: V/v trả lời kiến nghị"),
        ]
        for (extra, subject) in cases {
            var data = try message(to: to, body: "Xong", extra: extra)
            if let subject {
                data = try InboundMessage(data: Data("""
                    From: vp@badon.example.gov.vn\r
                    To: \(to)\r
                    Subject: \(subject)\r
                    Content-Type: text/plain; charset=utf-8\r
                    \r
                    Xong\r
                    """.utf8))
            }
            let decision = triage.decide(data, recipient: to)
            guard case .automatic(.target(target), _) = decision else { Issue.record("\(extra)\(subject ?? ""): got \(decision)"); continue }
        }
    }

    @Test("X-Auto-Response-Suppress alone is a hint, not proof: Outlook puts it on a person's reply too")
    func autoResponseSuppressAloneIsAPerson() throws {
        let to = address(target)
        let decision = triage.decide(try message(to: to, body: "Xong", extra: "X-Auto-Response-Suppress: All\r\n"), recipient: to)
        guard case .complete = decision else { Issue.record("got \(decision)"); return }
    }

    @Test("a delivery report to a reply address is read as a report, not forwarded as a reply")
    func reportToReplyAddress() throws {
        let to = address(target)
        let report = try InboundMessage(data: Data("""
            Return-Path: <>\r
            From: MAILER-DAEMON@badon.example.gov.vn\r
            To: \(to)\r
            Subject: Undelivered Mail\r
            Content-Type: multipart/report; report-type=delivery-status; boundary=b\r
            \r
            --b\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; x\r
            \r
            Final-Recipient: rfc822; vp@badon.example.gov.vn\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            --b--\r
            """.utf8))
        guard case .deliveryReport(nil, let parsed) = triage.decide(report, recipient: to) else { Issue.record("not a report"); return }
        #expect(parsed.recipients.map(\.address) == ["vp@badon.example.gov.vn"])
        #expect(parsed.recipients.first?.isPermanent == true)
    }

    @Test("a copy token is told apart from a reply token, its purpose is signed, and only the key's own signature is accepted")
    func copyTokens() throws {
        let replyAddress = try ReplyAddress(replyTo: "nhacviec@badon.example.gov.vn")
        let token = CopyToken(.bounce, copy: 42, key: key)
        let text = replyAddress.address(for: token)
        #expect(text.hasPrefix("nhacviec+b.42."))
        guard case .copy(let parsed) = replyAddress.recipientToken(inRecipient: text.uppercased()) else {
            Issue.record("not a copy token"); return
        }
        #expect(parsed.copy == 42 && parsed.purpose == .bounce && parsed.verifies(key: key))
        // The same id and MAC under the other purpose is a forgery: the purpose is part of what is signed.
        let swapped = try #require(CopyToken(text: "c." + token.text.dropFirst(2)))
        #expect(swapped.purpose == .reply && !swapped.verifies(key: key))
        #expect(CopyToken(.reply, copy: 42, key: key).verifies(key: key))
        #expect(!parsed.verifies(key: try ReplyKey(bytes: Array(1...32))))
        guard case .reply = replyAddress.recipientToken(inRecipient: address(target)) else { Issue.record("not a reply token"); return }
        #expect(replyAddress.recipientToken(inRecipient: "nhacviec+b.x.aaaa@badon.example.gov.vn") == nil)
    }
}

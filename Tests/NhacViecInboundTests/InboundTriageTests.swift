import Foundation
import NhacViecInbound
import Testing

/// What `nhacviec inbound` decides for each kind of message, before any file, ledger or sendmail is touched.
struct InboundTriageTests {
    let key = try! ReplyKey(bytes: Array(0..<32))
    let target = ReplyTarget(plan: "ba-don", task: "tra-loi", department: "vp")
    let other = ReplyTarget(plan: "ba-don", task: "tra-loi", department: "ca")

    var triage: InboundTriage {
        InboundTriage(index: ReplyTokenIndex(key: key, targets: [target, other]),
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

    @Test("a forged or unknown token marks nothing and goes to the postmaster")
    func forgedTokenIsUnknown() throws {
        let forged = "nhacviec+aaaaaaaaaaaaaaaa@badon.example.gov.vn"
        let decision = triage.decide(try message(to: forged, body: "Đã hoàn thành"), recipient: forged)
        guard case .unknown(let reason) = decision else { Issue.record("got \(decision)"); return }
        #expect(reason.contains("forged"))
    }

    @Test("a vacation auto-reply saying 'đã hoàn thành' is automatic, never a completion")
    func automaticIsNeverACompletion() throws {
        let decision = triage.decide(try message(to: address(target), body: "Đã hoàn thành kỳ nghỉ", extra: "Auto-Submitted: auto-replied\r\n"),
                                     recipient: address(target))
        #expect(decision == .automatic(target, reason: "automatic message (Auto-Submitted: auto-replied)"))
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
}

import Testing
@testable import NhacViecInbound

/// RFC 3834: which messages must never be acknowledged.
struct AutoReplyDetectorTests {
    let detector = AutoReplyDetector(ownAddresses: ["nhacviec@badon.example.gov.vn"])

    private func message(_ headers: String) throws -> InboundMessage {
        try InboundMessage(bytes: Array((headers + "\nSubject: x\n\nXong\n").utf8))
    }

    @Test("the vacation fixture is automatic because of its Auto-Submitted field")
    func vacation() throws {
        #expect(detector.reason(try Fixture.message("vacation-auto-reply.eml")) == .autoSubmitted("auto-replied (vacation)"))
    }

    @Test("Auto-Submitted: no and a person's replies are not automatic")
    func human() throws {
        #expect(detector.reason(try message("From: a@b.vn\nAuto-Submitted: No")) == nil)
        for name in ["thunderbird-flowed.eml", "gmail-alternative-qp.eml", "apple-iphone.eml", "outlook-html-windows-1258.eml"] {
            #expect(!detector.isAutomatic(try Fixture.message(name)), "\(name)")
        }
    }

    @Test("each RFC 3834 signal is detected on its own")
    func signals() throws {
        #expect(detector.reason(try message("From: a@b.vn\nAuto-Submitted: auto-generated")) == .autoSubmitted("auto-generated"))
        #expect(detector.reason(try message("From: a@b.vn\nPrecedence: List")) == .precedence("List"))
        #expect(detector.reason(try message("From: a@b.vn\nPrecedence: junk")) == .precedence("junk"))
        #expect(detector.reason(try message("From: a@b.vn\nPrecedence: first-class")) == nil)
        #expect(detector.reason(try message("From: a@b.vn\nX-Autorespond: 1")) == .autoreplyHeader("X-Autorespond"))
        #expect(detector.reason(try message("From: a@b.vn\nx-autoreply: yes")) == .autoreplyHeader("X-Autoreply"))
        #expect(detector.reason(try message("Return-Path: <>\nFrom: MAILER-DAEMON@b.vn")) == .nullSender)
        #expect(detector.reason(try message("From: \"Nhắc việc\" <NhacViec@BaDon.Example.Gov.VN>")) == .ownSender)
        #expect(detector.reason(try message("Return-Path: <nhacviec@badon.example.gov.vn>\nFrom: x@y.vn")) == .ownSender)
    }
}

import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The sendmail transport against real child processes (the scripts in Tests/e2e/tools).
@Suite(.serialized)
struct SendmailTransportTests {
    static let tools = Fixtures.repositoryRoot().appendingPathComponent("Tests/e2e/tools").path
    let mail = OutgoingMail(envelopeSender: "nv@example.gov.vn", recipients: ["a@example.gov.vn", "b@example.gov.vn"],
                            messageID: "<x@example.gov.vn>", data: Data("Subject: thử\r\n\r\nNội dung\r\n".utf8))

    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "nhacviec-transport-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("the message is fed on stdin and the recipients come after -- with an explicit -f")
    func argvAndStdin() throws {
        let dir = try scratch()
        setenv("RECORD_FILE", dir + "/record.jsonl", 1)
        let transport = SendmailTransport(command: [Self.tools + "/sendmail-record", "-oi"])
        #expect(transport.send(mail) == .sent)
        let line = try String(contentsOfFile: dir + "/record.jsonl", encoding: .utf8).split(separator: "\n").last!
        let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        #expect((record["argv"] as! [String]).dropFirst() == ["-oi", "-f", "nv@example.gov.vn", "--", "a@example.gov.vn", "b@example.gov.vn"])
        #expect(Data(base64Encoded: record["stdin"] as! String) == mail.data)
        #expect(record["stdin_type"] as? String == "regular")
    }

    @Test("exit 75 twice is temporary both times, then the third attempt is sent")
    func temporaryThenSent() throws {
        let dir = try scratch()
        setenv("COUNTER_FILE", dir + "/counter", 1)
        setenv("RECORD_FILE", dir + "/record.jsonl", 1)
        let transport = SendmailTransport(command: [Self.tools + "/sendmail-tempfail"])
        let outcomes = (0..<3).map { _ in transport.send(mail) }
        guard case .temporaryFailure = outcomes[0], case .temporaryFailure = outcomes[1] else {
            Issue.record("expected two temporary failures, got \(outcomes)")
            return
        }
        #expect(outcomes[2] == .sent)
    }

    @Test("a hung sendmail is killed at the timeout and counted as temporary")
    func hangIsKilled() throws {
        let dir = try scratch()
        setenv("PID_FILE", dir + "/pid", 1)
        let transport = SendmailTransport(command: [Self.tools + "/sendmail-hang"], timeout: 1)
        let started = Date()
        guard case .temporaryFailure(let reason) = transport.send(mail) else {
            Issue.record("a hang must be a temporary failure")
            return
        }
        #expect(reason.contains("did not finish"))
        #expect(Date().timeIntervalSince(started) < 10)
        let pid = Int32(try String(contentsOfFile: dir + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(kill(pid, 0) != 0, "the hung child must be gone")
    }

    @Test("the null envelope sender of mail sent in answer to mail is passed as an empty argument: -f ''")
    func nullSender() throws {
        let dir = try scratch()
        setenv("RECORD_FILE", dir + "/record.jsonl", 1)
        var answer = mail
        answer.envelopeSender = ""
        #expect(SendmailTransport(command: [Self.tools + "/sendmail-record", "-oi"]).send(answer) == .sent)
        let line = try String(contentsOfFile: dir + "/record.jsonl", encoding: .utf8).split(separator: "\n").last!
        let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        #expect((record["argv"] as! [String]).dropFirst() == ["-oi", "-f", "", "--", "a@example.gov.vn", "b@example.gov.vn"])
    }

    @Test("exit 65, msmtp's answer to a relay that refuses a recipient, is a refusal: the address is to be marked")
    func refusalIsKnown() {
        setenv("EXIT_CODE", "65", 1)
        defer { unsetenv("EXIT_CODE") }
        guard case .refused = SendmailTransport(command: [Self.tools + "/sendmail-early-exit"]).send(mail) else {
            Issue.record("65 must be a refusal")
            return
        }
    }

    @Test("a sendmail that exits without reading its input neither crashes nor hangs", arguments: [Int32(0), 1, 75])
    func earlyExit(code: Int32) {
        setenv("EXIT_CODE", "\(code)", 1)
        let big = OutgoingMail(envelopeSender: mail.envelopeSender, recipients: mail.recipients, messageID: mail.messageID,
                               data: Data(repeating: 0x41, count: 4 << 20))
        let outcome = SendmailTransport(command: [Self.tools + "/sendmail-early-exit"]).send(big)
        switch code {
        case 0: #expect(outcome == .sent)
        case 75: if case .temporaryFailure = outcome {} else { Issue.record("75 must be temporary: \(outcome)") }
        default: if case .permanentFailure = outcome {} else { Issue.record("1 must be permanent: \(outcome)") }
        }
        unsetenv("EXIT_CODE")
    }

    @Test("an address that would be read as an option never reaches the command line")
    func optionInjectionRefused() {
        var evil = mail
        evil.recipients = ["-oQ/tmp/x@example.gov.vn"]
        guard case .permanentFailure = SendmailTransport(command: ["/bin/true"]).send(evil) else {
            Issue.record("must refuse")
            return
        }
    }
}

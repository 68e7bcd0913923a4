import Foundation
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// How the daemon makes sure a reminder that does not arrive becomes known: every department copy goes out
/// with its own signed envelope sender, and an address that sendmail refuses at once is marked.
@Suite(.serialized)
struct DaemonBounceTests {
    static let main = "/cfg/nhacviec.yaml"
    static let mainText = """
        mail:
          from: "Nhắc việc <nhacviec@badon.example.gov.vn>"
          reply-to: nhacviec@badon.example.gov.vn
        plans: plans.d
        """
    static let plan = """
        plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn}
        events: {hop: 2026-03-13}
        departments:
          vp: {name: Văn phòng, email: vp@example.gov.vn}
          ca: {name: Công an, email: ca@example.gov.vn}
        tasks:
          - {id: a, title: Việc A, owner: [vp, ca], due: hop, remind: [0d], overdue: none}
        """

    static func harness() throws -> DaemonHarness {
        try DaemonHarness(files: [main: mainText, "/cfg/plans.d/p.yaml": plan], mainFile: main, from: "2026-03-12T00:00",
                          bounceAddress: { "nhacviec+b.\($0).test@badon.example.gov.vn" })
    }

    @Test("each department copy goes out with the bounce address of its own ledger id")
    func copiesCarryTheirBounceAddress() throws {
        let harness = try Self.harness()
        harness.daemon.start()
        let messages = harness.waitForMessages(2)
        #expect(harness.stop() == 0)
        #expect(messages.count == 2)
        for mail in messages {
            let copy = try #require(harness.ledger.envelopes.first { $0.mailID == mail.messageID })
            #expect(mail.envelopeSender == "nhacviec+b.\(copy.id).test@badon.example.gov.vn")
            #expect(copy.recipients == mail.recipients)
        }
        #expect(Set(messages.map(\.envelopeSender)).count == 2)
    }

    @Test("an address that sendmail refuses for good at once is marked undeliverable, since no report will come")
    func refusedRecipientIsMarked() throws {
        let harness = try Self.harness()
        harness.transport.script([.refused("msmtp: recipient address vp@example.gov.vn not accepted by the server (exit 65)")])
        harness.daemon.start()
        _ = harness.waitForMessages(1)
        #expect(harness.stop() == 0)
        let marks = try harness.ledger.addressFailures(now: Fixtures.instant("2026-03-13T12:00"))
        #expect(marks.map(\.address) == ["vp@example.gov.vn"])
        #expect(marks.first?.permanent == true)
        #expect(marks.first?.department == "vp")
    }
}

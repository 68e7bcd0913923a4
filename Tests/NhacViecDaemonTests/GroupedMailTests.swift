import Foundation
import Synchronization
import NhacViecCore
import NhacViecDaemon
import Testing
import TestSupport

/// One mail per department per send time, within a plan: several items of one department falling due at the same
/// minute go as one mail listing them; a department with one item gets the usual reminder.
struct GroupedMailTests {
    static let main = """
        mail:
          from: "Nhắc việc <nhacviec@badon.example.gov.vn>"
          reply-to: nhacviec@badon.example.gov.vn
        plans: plans.d
        """
    static let plan = """
        plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn}
        events: {hop: 2026-03-13}
        departments:
          kt: {name: Phòng Kinh tế, email: kt@example.gov.vn}
          vp: {name: Văn phòng, email: vp@example.gov.vn}
        tasks:
          - {id: kn-3, title: Trả lời kiến nghị số 3, owner: kt, due: hop, remind: [0d], overdue: none}
          - {id: kn-5, title: Trả lời kiến nghị số 5, owner: kt, due: hop, remind: [0d], overdue: none}
          - {id: kn-6, title: Trả lời kiến nghị số 6, owner: kt, due: hop, remind: [0d], overdue: none}
          - {id: giay-moi, title: Tham mưu Giấy mời, owner: vp, due: hop, remind: [0d], overdue: none}
        """

    @Test("three petitions of one department due the same minute go in one mail; the other department's one item alone")
    func oneMailPerDepartment() throws {
        let driver = try DaemonDriver(files: ["/cfg/nhacviec.yaml": Self.main, "/cfg/plans.d/p.yaml": Self.plan], mainFile: "/cfg/nhacviec.yaml",
                                      from: "2026-03-13T07:00", bounceAddress: { "nhacviec+b.\($0).x@badon.example.gov.vn" })
        driver.start()
        driver.advance(to: "2026-03-13T08:00")
        let messages = driver.transport.messages
        #expect(messages.map(\.messageID).sorted() == ["<due.20260313.giay-moi.p.vp@badon.example.gov.vn>",
                                                       "<group.202603130730.kt.p@badon.example.gov.vn>"])
        let grouped = try #require(messages.first { $0.messageID.hasPrefix("<group.") })
        #expect(grouped.recipients == ["kt@example.gov.vn"])
        let copy = try #require(driver.ledger.envelopes.first { $0.mailID == grouped.messageID })
        #expect(copy.items.map(\.number) == [3, 5, 6])
        #expect(grouped.envelopeSender == "nhacviec+b.\(copy.id).x@badon.example.gov.vn")
        // Each petition's department copy is recorded, so a retry never resends it; each send is recorded as sent.
        #expect(driver.ledger.copies.keys.sorted() == ["p/giay-moi/due/2026-03-13/vp", "p/kn-3/due/2026-03-13/kt",
                                                       "p/kn-5/due/2026-03-13/kt", "p/kn-6/due/2026-03-13/kt"])
        #expect(driver.ledger.all.values.allSatisfy { $0.outcome == .sent } && driver.ledger.all.count == 4)
        #expect(driver.ledger.openAttempts.isEmpty)
    }

    @Test("a grouped mail that sendmail fails for now is retried, and its items are recorded only once it goes")
    func groupedRetry() throws {
        let driver = try DaemonDriver(files: ["/cfg/nhacviec.yaml": Self.main, "/cfg/plans.d/p.yaml": Self.plan], mainFile: "/cfg/nhacviec.yaml",
                                      from: "2026-03-13T07:00")
        driver.transport.script([.temporaryFailure("EX_TEMPFAIL")])
        driver.start()
        driver.advance(to: "2026-03-13T07:30")
        #expect(driver.ledger.all.keys.sorted() == ["p/giay-moi/due/2026-03-13"], "only the single reminder went")
        driver.advance(to: "2026-03-13T09:00")
        #expect(driver.ledger.all.count == 4 && driver.ledger.all.values.allSatisfy { $0.outcome == .sent })
    }

    @Test("in a job of several departments' mails, each send is recorded before the next mail starts")
    func oneUnrecordedSendAtATime() throws {
        let main = Self.main.replacingOccurrences(of: "  reply-to: nhacviec@badon.example.gov.vn\n", with: "")
        let plan = """
            plan: {id: p, title: Kế hoạch thử, admin: admin@example.gov.vn}
            events: {hop: 2026-03-13}
            departments:
            \((1...5).map { "  d\($0): {name: Phòng \($0), email: d\($0)@example.gov.vn}" }.joined(separator: "\n"))
            tasks:
            \((1...5).map { "  - {id: t\($0), title: Việc \($0), owner: d\($0), due: hop, remind: [0d], overdue: none}" }
                .joined(separator: "\n"))
            """
        let driver = try DaemonDriver(files: ["/cfg/nhacviec.yaml": main, "/cfg/plans.d/p.yaml": plan], mainFile: "/cfg/nhacviec.yaml",
                                      from: "2026-03-13T07:00")
        let seen = Mutex<[(open: Int, recorded: Int)]>([])
        let ledger = driver.ledger
        driver.transport.onSend { _ in seen.withLock { $0.append((ledger.openAttempts.count, ledger.all.count)) } }
        driver.start()
        driver.advance(to: "2026-03-13T08:00")
        // A kill during any sendmail would leave one send unrecorded, the one being sent: one duplicate at most.
        #expect(seen.withLock { $0.map(\.open) } == [1, 1, 1, 1, 1])
        #expect(seen.withLock { $0.map(\.recorded) } == [0, 1, 2, 3, 4])
        #expect(driver.ledger.all.count == 5 && driver.ledger.openAttempts.isEmpty)
    }
}

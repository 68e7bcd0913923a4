import Foundation
import NhacViecCore
import NhacViecInbound
import NhacViecOffice
import Testing
import TestSupport

/// The reply loop on grouped mail: a reply names the items it reports done, or all of them; anything unclear is
/// forwarded, never guessed.
struct GroupReplyTests {
    static func office() throws -> (OfficeFixture, String) {
        let petitions = [3, 5, 6].map { Fixtures.task("kn-\($0)", due: .absolute(Fixtures.date("2026-01-09"))) }
        let office = OfficeFixture(tasks: petitions)
        let items: [(send: Send, number: Int)] = [3, 5, 6].map { number in
            (.reminder(ReminderInstance(planID: "ba-don", taskID: "kn-\(number)", kind: .due, dueDay: Fixtures.date("2026-01-09"),
                                        day: Fixtures.date("2026-01-09"), at: Fixtures.instant("2026-01-09T07:30"),
                                        recipients: ["vp@example.gov.vn"])), number)
        }
        let id = try office.ledger.beginGroupDelivery(items, department: "vp", recipients: ["vp@example.gov.vn"],
                                                       mailID: "<group.202601090730.vp.ba-don@badon>", at: Fixtures.instant("2026-01-09T07:30"))
        return (office, office.address.address(for: CopyToken(.reply, copy: id, key: office.key)))
    }

    func done(_ office: OfficeFixture) throws -> [String] {
        try office.ledger.completions().filter { $0.value.contains { $0.department == "vp" } }.keys.map(\.taskID).sorted()
    }

    @Test("'Đã trả lời kiến nghị số 3 và 5 tại văn bản số 45/UBND-KT' marks those two, with the document, in one acknowledgement")
    func namedItems() throws {
        let (office, to) = try Self.office()
        try office.intake.take(OfficeFixture.reply("Đã trả lời kiến nghị số 3 và 5 tại văn bản số 45/UBND-KT", to: to), recipient: to)
        #expect(try done(office) == ["kn-3", "kn-5"])
        #expect(try office.ledger.completions()[TaskKey(planID: "ba-don", taskID: "kn-3")]?.first?.ref == "45/UBND-KT")
        #expect(office.transport.messages.count == 1)
        let ack = try ReadBack(try #require(office.transport.messages.first))
        #expect(ack.subject == "V/v ghi nhận Phòng vp hoàn thành 2 nhiệm vụ", "the acknowledgement starts with V/v")
        #expect(ack.text.contains("Việc kn-3") && ack.text.contains("Việc kn-5") && !ack.text.contains("Việc kn-6"))
    }

    @Test("'Đã hoàn thành tất cả' marks every item of the mail")
    func everything() throws {
        let (office, to) = try Self.office()
        try office.intake.take(OfficeFixture.reply("Dạ, đã hoàn thành tất cả ạ.", to: to), recipient: to)
        #expect(try done(office) == ["kn-3", "kn-5", "kn-6"])
    }

    @Test("a completion that names nothing, or a number the mail did not list, is forwarded, never guessed")
    func unclearIsForwarded() throws {
        for text in ["Đã hoàn thành.", "Đã trả lời kiến nghị số 7", "Đã trả lời tại văn bản số 45/UBND-KT ngày 20/12/2025"] {
            let (office, to) = try Self.office()
            try office.intake.take(OfficeFixture.reply(text, to: to), recipient: to)
            #expect(try done(office).isEmpty, "\(text)")
            #expect(office.transport.messages.map(\.recipients) == [["admin@example.gov.vn"]], "\(text)")
        }
    }

    @Test("a forged grouped reply address marks nothing and goes to the postmaster")
    func forged() throws {
        let (office, _) = try Self.office()
        let forged = "nhacviec+c.1.aaaaaaaaaaaaa@\(OfficeFixture.domain)"
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành tất cả", to: forged), recipient: forged)
        #expect(try done(office).isEmpty)
        #expect(office.transport.messages.map(\.recipients) == [["postmaster@\(OfficeFixture.domain)"]])
    }
}

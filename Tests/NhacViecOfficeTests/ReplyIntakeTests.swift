import Foundation
import NhacViecCore
import NhacViecInbound
import NhacViecMail
import NhacViecOffice
import Testing
import TestSupport

/// `nhacviec inbound`'s use case on the in-memory ledger and the recording transport: what is recorded, what
/// is answered, what is forwarded, and with which envelope sender.
struct ReplyIntakeTests {
    let task = TaskKey(planID: "ba-don", taskID: "giay-moi")

    @Test("a completion reply is recorded and acknowledged once, with the null envelope sender")
    func completionIsAcknowledgedWithNullSender() throws {
        let office = OfficeFixture()
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành ạ.", to: office.replyAddress()), recipient: office.replyAddress())
        #expect(try office.ledger.doneOwners(task).departments == ["vp"])
        #expect(office.transport.messages.count == 1)
        #expect(office.transport.messages.first?.envelopeSender == "")
    }

    @Test("a second reply that brings a document number and date updates the record and is acknowledged once; a plain repeat is not")
    func secondReplyWithNewInformationUpdates() throws {
        let office = OfficeFixture()
        let to = office.replyAddress()
        try office.intake.take(OfficeFixture.reply("Xong", to: to), recipient: to)
        try office.intake.take(OfficeFixture.reply("Xong", to: to), recipient: to)
        #expect(office.transport.messages.count == 1)
        try office.intake.take(OfficeFixture.reply("Đã trả lời tại văn bản số 45/UBND-VP", to: to), recipient: to)
        #expect(office.transport.messages.count == 2)
        let completion = try #require(try office.ledger.completions()[task]?.first)
        #expect(completion.ref == "45/UBND-VP")
        #expect(try office.ledger.completions()[task]?.count == 1)
        let ack = try ReadBack(office.transport.messages[1])
        #expect(ack.text.contains("cập nhật"))
        #expect(ack.text.contains("45/UBND-VP"))
    }

    @Test("a delivery report to a copy's signed bounce address marks the address, tells the admins once a day and forwards nothing")
    func deliveryReportMarksTheAddress() throws {
        var office = OfficeFixture()
        let instance = ReminderInstance(planID: "ba-don", taskID: "giay-moi", kind: .due, dueDay: Fixtures.date("2025-12-12"),
                                        day: Fixtures.date("2025-12-12"), at: Fixtures.instant("2025-12-12T07:30"),
                                        recipients: ["vp@example.gov.vn"])
        let id = try office.ledger.beginDelivery(.reminder(instance), department: "vp", recipients: ["vp@example.gov.vn"],
                                                  mailID: "<due.vp@badon>", at: instance.at)
        let bounce = office.bounceAddress(copy: id)
        try office.intake.take(OfficeFixture.deliveryReport(to: bounce, failed: "vp@example.gov.vn"), recipient: bounce)
        let marks = try office.ledger.addressFailures(now: office.now)
        #expect(marks.map(\.address) == ["vp@example.gov.vn"])
        #expect(marks.first?.status == "5.1.1")
        #expect(marks.first?.department == "vp")
        #expect(marks.first?.permanent == true)
        #expect(office.transport.messages.count == 1)
        let notice = try #require(office.transport.messages.first)
        #expect(notice.recipients == ["admin@example.gov.vn"])
        #expect(notice.envelopeSender == "")
        #expect(try ReadBack(notice).text.contains("5.1.1"))
        #expect(try office.ledger.completions().isEmpty)
        // A second report the same day marks again, but the admins are not told twice.
        office.now = office.now.addingTimeInterval(3_600)
        try office.intake.take(OfficeFixture.deliveryReport(to: bounce, failed: "vp@example.gov.vn"), recipient: bounce)
        #expect(office.transport.messages.count == 1)
    }

    @Test("a delay report marks the address as delayed without telling the admins")
    func delayIsNotAFailure() throws {
        let office = OfficeFixture()
        let instance = ReminderInstance(planID: "ba-don", taskID: "giay-moi", kind: .due, dueDay: Fixtures.date("2025-12-12"),
                                        day: Fixtures.date("2025-12-12"), at: Fixtures.instant("2025-12-12T07:30"),
                                        recipients: ["vp@example.gov.vn"])
        let id = try office.ledger.beginDelivery(.reminder(instance), department: "vp", recipients: ["vp@example.gov.vn"], mailID: nil,
                                                  at: instance.at)
        let bounce = office.bounceAddress(copy: id)
        try office.intake.take(OfficeFixture.deliveryReport(to: bounce, failed: "vp@example.gov.vn", status: "4.4.1",
                                                            action: "delayed"), recipient: bounce)
        #expect(try office.ledger.addressFailures(now: office.now).map(\.permanent) == [false])
        #expect(office.transport.messages.isEmpty)
    }

    @Test("a report to a bounce address with a forged signature marks nothing and goes to the postmaster")
    func forgedBounceTokenIsForwarded() throws {
        let office = OfficeFixture()
        let forged = "nhacviec+b.1.aaaaaaaaaaaaa@\(OfficeFixture.domain)"
        try office.intake.take(OfficeFixture.deliveryReport(to: forged, failed: "vp@example.gov.vn"), recipient: forged)
        #expect(try office.ledger.addressFailures(now: office.now).isEmpty)
        #expect(office.transport.messages.map(\.recipients) == [["postmaster@\(OfficeFixture.domain)"]])
        #expect(office.transport.messages.first?.envelopeSender == "")
    }

    @Test("a bounce that reaches the bare reply address is forwarded with the null sender and its header only")
    func tokenlessBounceIsForwardedHeaderOnly() throws {
        let office = OfficeFixture()
        let bare = "nhacviec@\(OfficeFixture.domain)"
        try office.intake.take(OfficeFixture.deliveryReport(to: bare, failed: "postmaster@\(OfficeFixture.domain)"), recipient: bare)
        let forward = try #require(office.transport.messages.first)
        #expect(forward.envelopeSender == "")
        let read = try ReadBack(forward)
        #expect(!read.text.contains("I'm sorry to have to inform you"))
        #expect(read.text.contains("Undelivered Mail Returned to Sender"))
    }

    @Test("an Exchange automatic reply that starts with 'Xong' is forwarded to the admins, never recorded or acknowledged")
    func exchangeAutoReplyIsNotDone() throws {
        let office = OfficeFixture()
        let to = office.replyAddress()
        let reply = OfficeFixture.reply("Xong đợt tập huấn, tôi sẽ trả lời anh chị sau ngày 20/12.", to: to,
                                        subject: "Automatic reply: V/v gửi giấy mời", extra: "X-Auto-Response-Suppress: All\r\n")
        try office.intake.take(reply, recipient: to)
        #expect(try office.ledger.completions().isEmpty)
        #expect(office.transport.messages.map(\.recipients) == [["admin@example.gov.vn"]])
        let subject = "Trả lời tự động: V/v gửi giấy mời"
        try office.intake.take(OfficeFixture.reply("Xong", to: to, subject: subject), recipient: to)
        #expect(try office.ledger.completions().isEmpty)
    }

    @Test("at most ten forwards an hour reach one address; the rest are held back and counted")
    func forwardsAreRateLimited() throws {
        let office = OfficeFixture()
        let bare = "nhacviec@\(OfficeFixture.domain)"
        for _ in 0..<12 {
            try office.intake.take(OfficeFixture.reply("Xin chào", to: bare, from: "someone@elsewhere.vn"), recipient: bare)
        }
        #expect(office.transport.messages.count == 10)
        #expect(try office.ledger.forwardSummary(since: office.now.addingTimeInterval(-60)) == ForwardSummary(forwarded: 10, held: 2))
    }

    @Test("a forward that sendmail refuses for good is logged and counts as handled; one that fails for now is retried by the MTA")
    func forwardFailures() throws {
        let office = OfficeFixture()
        let bare = "nhacviec@\(OfficeFixture.domain)"
        office.transport.script([.permanentFailure("sendmail exited 65")])
        try office.intake.take(OfficeFixture.reply("Xin chào", to: bare), recipient: bare)
        office.transport.script([.temporaryFailure("sendmail exited 75")])
        #expect(throws: InboundFailure.self) {
            try office.intake.take(OfficeFixture.reply("Xin chào", to: bare), recipient: bare)
        }
    }

    @Test("a reply about a task that left the plan goes to the plan's admins as 'no longer in the plan', not to the postmaster")
    func staleTaskReply() throws {
        var office = OfficeFixture(tasks: [Fixtures.task("giay-moi", due: .absolute(Fixtures.date("2025-12-12"))),
                                           Fixtures.task("du-toan", due: .absolute(Fixtures.date("2025-12-15")))])
        let instance = ReminderInstance(planID: "ba-don", taskID: "du-toan", kind: .due, dueDay: Fixtures.date("2025-12-15"),
                                        day: Fixtures.date("2025-12-15"), at: Fixtures.instant("2025-12-15T07:30"),
                                        recipients: ["vp@example.gov.vn"])
        try office.ledger.beginDelivery(.reminder(instance), department: "vp", recipients: ["vp@example.gov.vn"], mailID: nil, at: instance.at)
        let to = office.replyAddress(task: "du-toan")
        office = OfficeFixture.without("du-toan", office)
        try office.intake.take(OfficeFixture.reply("Xong", to: to), recipient: to)
        let forward = try #require(office.transport.messages.first)
        #expect(forward.recipients == ["admin@example.gov.vn"])
        #expect(try ReadBack(forward).text.contains("no longer in the plan"))
        #expect(try office.ledger.completions().isEmpty)
    }

    @Test("a forward is bounded: a 2 MB subject becomes 200 characters, and an original over 1 MB is summarised, not attached")
    func forwardsAreBounded() throws {
        let office = OfficeFixture()
        let bare = "nhacviec@\(OfficeFixture.domain)"
        let huge = String(repeating: "Tiêu đề rất dài ", count: 130_000)
        try office.intake.take(OfficeFixture.reply(String(repeating: "x", count: 1_200_000), to: bare, subject: huge), recipient: bare)
        let forward = try #require(office.transport.messages.first)
        #expect(forward.data.count < 64 << 10)
        let read = try ReadBack(forward)
        #expect(read.subject.count <= 200)
        #expect(read.attachments == 0)
        try office.intake.take(OfficeFixture.reply("ngắn", to: bare), recipient: bare)
        #expect(try ReadBack(office.transport.messages[1]).attachments == 1)
    }

    @Test("a message over the size cap is forwarded as too large ('quá lớn'), not as unreadable")
    func oversizedIsTooLarge() throws {
        let office = OfficeFixture()
        let to = office.replyAddress()
        let big = OfficeFixture.reply("Xong\r\n" + String(repeating: "a", count: InboundMessage.maximumSize + 10), to: to)
        try office.intake.take(big, recipient: to)
        #expect(try office.ledger.completions().isEmpty)
        let read = try ReadBack(try #require(office.transport.messages.first))
        #expect(read.text.contains("quá lớn"))
        #expect(read.attachments == 0)
    }
}

extension OfficeFixture {
    /// The same office after a reload that removed a task.
    static func without(_ task: String, _ office: OfficeFixture) -> OfficeFixture {
        var copy = office
        copy.configuration.plans[0].plan.tasks.removeAll { $0.id == task }
        return copy
    }
}

import Foundation
import NhacViecCore
import NhacViecInbound
import NhacViecOffice
import Testing
import TestSupport

/// Replies to mail about occurrences of recurring tasks: a reply answers exactly the occurrences its mail listed.
struct OccurrenceReplyTests {
    static let monthly = PlanTask(id: "bao-cao-thang", title: "Báo cáo công tác {{period}}", owners: ["vp"],
                                  due: .recurring(Recurrence(unit: .month, day: .dayOfMonth(20),
                                                             from: Fixtures.date("2027-01-01"))),
                                  overdue: OverdueRule(every: Offset(2, .workingDays), times: 2))

    func office() -> OfficeFixture {
        var office = OfficeFixture(tasks: [Self.monthly])
        office.now = Fixtures.instant("2027-03-23T09:00")
        return office
    }

    func doneOccurrences(_ office: OfficeFixture) throws -> [String] {
        try office.ledger.completions().keys.map(\.taskID).sorted()
    }

    @Test("a reply to March's reminder marks March done and leaves February and April open")
    func singleReplyClosesItsOccurrence() throws {
        let office = office()
        let to = office.replyAddress(task: "bao-cao-thang+2027-03")
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to, subject: "Re: V/v báo cáo công tác tháng 3/2027"),
                               recipient: to)
        #expect(try doneOccurrences(office) == ["bao-cao-thang+2027-03"])
        let ack = try ReadBack(try #require(office.transport.messages.first))
        #expect(ack.text.contains("Báo cáo công tác tháng 3/2027") || ack.text.contains("báo cáo công tác tháng 3/2027"))
    }

    @Test("a reply 'Đã hoàn thành tất cả' to a grouped mail of two occurrences marks those two and no other")
    func groupedReplyClosesTheListedOccurrences() throws {
        let office = office()
        let at = Fixtures.instant("2027-03-23T07:30")
        let items: [(send: Send, number: Int)] = [("2027-02", "2027-02-22", 1), ("2027-03", "2027-03-22", 2)].map { period, due, number in
            (.reminder(ReminderInstance(planID: "ba-don", taskID: "bao-cao-thang+\(period)", kind: .overdue,
                                        dueDay: Fixtures.date(due), day: Fixtures.date("2027-03-23"), at: at,
                                        recipients: ["vp@example.gov.vn"])), number)
        }
        let id = try office.ledger.beginGroupDelivery(items, department: "vp", recipients: ["vp@example.gov.vn"],
                                                       mailID: "<group.202703230730.vp.ba-don@badon>", at: at)
        let to = office.address.address(for: CopyToken(.reply, copy: id, key: office.key))
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành tất cả", to: to), recipient: to)
        #expect(try doneOccurrences(office) == ["bao-cao-thang+2027-02", "bao-cao-thang+2027-03"])
    }

    @Test("a reply to an occurrence more than a year old still counts when its copy was sent and the plan still has it")
    func oldOccurrenceStillCounts() throws {
        var office = office()
        office.now = Fixtures.instant("2028-09-01T09:00")
        let instance = ReminderInstance(planID: "ba-don", taskID: "bao-cao-thang+2027-03", kind: .due,
                                        dueDay: Fixtures.date("2027-03-22"), day: Fixtures.date("2027-03-22"),
                                        at: Fixtures.instant("2027-03-22T07:30"), recipients: ["vp@example.gov.vn"])
        _ = try office.ledger.beginDelivery(.reminder(instance), department: "vp", recipients: ["vp@example.gov.vn"],
                                            mailID: "<due.20270322.bao-cao-thang+2027-03.ba-don@badon>", at: instance.at)
        let to = office.replyAddress(task: "bao-cao-thang+2027-03")
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to), recipient: to)
        #expect(try doneOccurrences(office) == ["bao-cao-thang+2027-03"])
    }

    @Test("the reply's In-Reply-To names its reminder, so its token is checked against that task's owners first")
    func threadNamesTheTarget() throws {
        var office = office()
        office.now = Fixtures.instant("2028-09-01T09:00")  // March 2027 is outside the current window, no copy sent
        let to = office.replyAddress(task: "bao-cao-thang+2027-03")
        let thread = "In-Reply-To: <due.20270322.bao-cao-thang+2027-03.ba-don.vp@badon.example.gov.vn>\r\n"
            + "References: <bao-cao-thang+2027-03.ba-don@badon.example.gov.vn>\r\n"
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to, extra: thread), recipient: to)
        #expect(try doneOccurrences(office) == ["bao-cao-thang+2027-03"])
    }

    @Test("a thread id that names another task does not lend its owners: the token still decides")
    func threadOfAnotherTaskIsNoShortcut() throws {
        let office = office()
        let to = office.replyAddress(task: "bao-cao-thang+2027-03")
        let thread = "In-Reply-To: <bao-cao-thang+2027-02.ba-don@badon.example.gov.vn>\r\n"
        try office.intake.take(OfficeFixture.reply("Đã hoàn thành", to: to, extra: thread), recipient: to)
        #expect(try doneOccurrences(office) == ["bao-cao-thang+2027-03"])
    }
}

import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The grouped mail, read back by Python's `email`: one mail listing a department's items due at the same minute.
struct GroupedMailCompositionTests {
    @Test("six petitions due together read as one office letter: count in the subject, each item with its number and deadline")
    func petitionsInOneMail() throws {
        var plan = Fixtures.plan(id: "ba-don", tasks: [])
        plan.authority = "UBND phường Ba Đồn"
        let numbers = [2, 4, 7, 9, 11, 12]
        let items = numbers.map { number in
            var task = Fixtures.task("kn-\(number)", due: .absolute(Fixtures.date("2026-01-09")))
            task.title = "Trả lời kiến nghị số \(number)"
            task.description = "Nội dung kiến nghị: Đề nghị sửa đường số \(number)\nNgười kiến nghị: TDP \(number)"
            let instance = ReminderInstance(planID: "ba-don", taskID: task.id, kind: .due, dueDay: Fixtures.date("2026-01-09"),
                                            day: Fixtures.date("2026-01-09"), at: Fixtures.instant("2026-01-09T07:30"),
                                            recipients: ["vp@example.gov.vn"])
            return GroupedItem(instance: instance, task: task, number: number, isPetition: true)
        }
        let composer = MessageComposer(from: "Nhắc việc <nhacviec@badon.example.gov.vn>", envelopeSender: "nhacviec@badon.example.gov.vn",
                                       copyReplyAddress: { "nhacviec+c.\($0).mac@badon.example.gov.vn" })
        let mail = try composer.groupedReminder(plan: plan, items: items,
                                                copy: MailCopy(departments: ["vp"], department: "vp", recipients: ["vp@example.gov.vn"]),
                                                copyID: 17, calendar: WorkingCalendar(official: [Fixtures.official2026]),
                                                now: Fixtures.instant("2026-01-09T07:30"), isLate: false)
        let read = try #require(try PythonEmailTests.read([mail]).first)
        #expect(read.defects.isEmpty)
        #expect(read.subject == "[Nhắc việc] V/v 06 kiến nghị đến hạn trả lời – chậm nhất ngày 09/01/2026")
        #expect(read.replyTo.map { $0[1] } == ["nhacviec+c.17.mac@badon.example.gov.vn"])
        #expect(read.inReplyTo == "<vp.ba-don@badon.example.gov.vn>", "one thread per department and plan")
        #expect(read.messageID == "<group.202601090730.vp.ba-don@badon.example.gov.vn>")
        for number in numbers {
            #expect(read.body.contains("Kiến nghị số \(number): Đề nghị sửa đường số \(number) – chậm nhất ngày 09/01/2026"))
        }
        #expect(!read.body.contains("Nội dung: Nội dung kiến nghị"))
        #expect(!read.body.contains("kn-"), "no identifier in an official mail")
        // The petitions rest on their Notice (here still without a number or date), in the reminders' wording.
        #expect(read.body.hasPrefix("Kính gửi: Phòng vp\n\nCăn cứ Thông báo kết luận, Hệ thống nhắc việc trân trọng "
                                    + "nhắc Phòng vp 6 kiến nghị sau:\n"))
        #expect(read.body.hasSuffix(
            "\n-- \nĐây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức.\n"))
    }

    @Test("without per-department copies one grouped mail names every owner it goes to, and says which items are due today and which are coming")
    func sharedCopyNamesEveryOwner() throws {
        var plan = Fixtures.plan(id: "p", tasks: [])
        let days = [("bao-cao", "2027-04-20"), ("giao-ban", "2027-04-19")]
        let items = days.enumerated().map { offset, pair in
            var task = Fixtures.task(pair.0, due: .absolute(Fixtures.date(pair.1)))
            task.owners = ["vp", "lanh-dao"]
            let instance = ReminderInstance(planID: "p", taskID: task.id, kind: .advance, dueDay: Fixtures.date(pair.1),
                                            day: Fixtures.date("2027-04-19"), at: Fixtures.instant("2027-04-19T07:30"),
                                            recipients: ["vp@example.gov.vn", "lanh-dao@example.gov.vn"])
            return GroupedItem(instance: instance, task: task, number: offset + 1, isPetition: false)
        }
        plan.admins = ["admin@example.gov.vn"]
        let composer = MessageComposer(from: "Nhắc việc <nhacviec@example.gov.vn>", envelopeSender: "nhacviec@example.gov.vn")
        let copy = MailCopy(departments: ["vp", "lanh-dao"], department: nil,
                            recipients: ["vp@example.gov.vn", "lanh-dao@example.gov.vn"])
        let mail = try composer.groupedReminder(plan: plan, items: items, copy: copy, copyID: 3,
                                                calendar: WorkingCalendar(official: [Fixtures.official2026]),
                                                now: Fixtures.instant("2027-04-19T07:30"), isLate: false)
        let read = try #require(try PythonEmailTests.read([mail]).first)
        #expect(read.subject == "[Nhắc việc] V/v 02 nhiệm vụ đến hạn và sắp đến hạn – chậm nhất ngày 19/04/2027")
        #expect(read.body.hasPrefix("Kính gửi: Phòng vp; Phòng lanh-dao\n"))
        #expect(read.to.map { $0[1] } == ["vp@example.gov.vn", "lanh-dao@example.gov.vn"])
        #expect(read.messageID == "<group.202704190730.vp+lanh-dao.p@example.gov.vn>")
        #expect(read.inReplyTo == "<vp+lanh-dao.p@example.gov.vn>")
        #expect(mail.recipients == ["vp@example.gov.vn", "lanh-dao@example.gov.vn"])
    }
}

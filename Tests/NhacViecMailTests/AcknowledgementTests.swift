import Foundation
import NhacViecCore
import NhacViecMail
import Testing
import TestSupport

/// The acknowledgement of a department's reply "Đã hoàn thành", read back by Python's `email`.
struct AcknowledgementTests {
    static let now = Fixtures.instant("2026-01-09T09:12")

    static func acknowledgement(_ plan: Plan, _ task: PlanTask, department: String, remaining: [String],
                                ref: String? = nil) -> OutgoingMail {
        let completion = Completion(task: TaskKey(planID: plan.id, taskID: task.id), department: department,
                                    doneAt: now, doneBy: "truongphong@badon.example.gov.vn", note: nil, ref: ref,
                                    answeredOn: ref == nil ? nil : Fixtures.date("2026-01-09"))
        return BaDonMail.mailer.acknowledgement(plan: plan, task: task, department: department, completion: completion,
                                                remaining: remaining, inReplyTo: nil, now: now)
    }

    static func read(_ mail: OutgoingMail) throws -> PythonEmailTests.Reading {
        try #require(try PythonEmailTests.read([mail]).first)
    }

    @Test("its subject starts with 'V/v'; one owner reads 'Đơn vị đã hoàn thành'; the task belongs to the Kế hoạch")
    func singleOwner() throws {
        var plan = BaDonMail.plan
        plan.tasks.append(MailStyleTests.culture)
        let mail = Self.acknowledgement(plan, MailStyleTests.culture, department: "vhxh", remaining: [])
        let reading = try Self.read(mail)
        #expect(reading.defects.isEmpty)
        #expect(reading.subject == "V/v ghi nhận Phòng Văn hóa - Xã hội hoàn thành nhiệm vụ thông báo trên hệ thống "
                + "truyền thanh về Hội nghị")
        #expect(reading.body.contains(
            "\nHệ thống nhắc việc đã ghi nhận Phòng Văn hóa - Xã hội báo cáo hoàn thành nhiệm vụ thông báo trên hệ "
                + "thống truyền thanh về Hội nghị thuộc Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND phường Ba "
                + "Đồn về tổ chức Hội nghị tiếp xúc, đối thoại giữa UBND phường với Nhân dân năm 2025, theo thư trả "
                + "lời của truongphong@badon.example.gov.vn lúc 09 giờ 12 ngày 09/01/2026.\n"))
        #expect(reading.body.contains("\n\nĐơn vị đã hoàn thành nhiệm vụ này; hệ thống sẽ không gửi thêm thư nhắc việc "
                                      + "về nhiệm vụ này.\n\n"))
        #expect(!reading.body.contains("Tất cả các đơn vị") && !reading.body.contains("thuộc Hội nghị"))
        #expect(reading.body.contains("\nNếu ghi nhận này không đúng, đề nghị báo lại cho quản trị kế hoạch "
                                      + "(vanphong@badon.example.gov.vn).\n"))
        #expect(reading.cc == [["", "vanphong@badon.example.gov.vn"]])
    }

    @Test("with several owners it says who is still to report, or that all have reported")
    func severalOwners() throws {
        let task = BaDonMail.answers
        let mails = [Self.acknowledgement(BaDonMail.plan, task, department: "vhxh", remaining: ["kinh-te", "mttq"]),
                     Self.acknowledgement(BaDonMail.plan, task, department: "vhxh", remaining: [])]
        let readings = try PythonEmailTests.read(mails)
        try #require(readings.count == 2)
        #expect(readings[0].subject.hasPrefix("V/v ghi nhận Phòng Văn hóa - Xã hội hoàn thành nhiệm vụ tham dự"))
        #expect(readings[0].body.contains(
            "\nPhòng Văn hóa - Xã hội sẽ không nhận thêm thư nhắc việc về nhiệm vụ này. Các đơn vị chưa báo cáo hoàn "
                + "thành: Phòng Kinh tế, Hạ tầng và Đô thị; Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - "
                + "xã hội.\n"))
        #expect(readings[1].body.contains("\nTất cả các đơn vị phụ trách đã hoàn thành nhiệm vụ này; "))
    }

    @Test("a petition's names the Notice and the answer's document; the Office is not told to write to itself")
    func petitionAndOffice() throws {
        let (plan, task) = PetitionMailTests.plan()
        let petition = try Self.read(Self.acknowledgement(plan, task, department: "kinh-te", remaining: [],
                                                          ref: "12/KT-HT"))
        #expect(petition.subject
                == "V/v ghi nhận Phòng Kinh tế, Hạ tầng và Đô thị hoàn thành nhiệm vụ trả lời kiến nghị số 2")
        #expect(petition.body.contains(" hoàn thành nhiệm vụ trả lời kiến nghị số 2 theo Thông báo kết luận số "
                                       + "45/TB-UBND ngày 26/12/2025 (văn bản số 12/KT-HT ngày 09/01/2026), theo thư"))
        let office = try Self.read(Self.acknowledgement(BaDonMail.plan, BaDonMail.invitation, department: "van-phong",
                                                        remaining: []))
        #expect(office.to == [["Văn phòng HĐND và UBND phường", "vanphong@badon.example.gov.vn"]])
        #expect(office.cc.isEmpty, "the Office is already the addressee")
        #expect(!office.body.contains("báo lại cho quản trị") && !office.body.contains("vanphong@"))
        for reading in [petition, office] {
            #expect(reading.body.hasSuffix(
                "\n-- \nĐây là thư tự động của hệ thống nhắc việc, không phải văn bản chính thức.\n"))
            for name in ["nhacviec", "kn-2", "giay-moi", "ba-don-2025"] { #expect(!reading.body.contains(name)) }
        }
    }

    @Test("the acknowledgement of a grouped reply starts with 'V/v', its tasks belong to the Kế hoạch or the Notice")
    func groupAcknowledgement() throws {
        let (plan, petition) = PetitionMailTests.plan()
        let completion = Completion(task: TaskKey(planID: plan.id, taskID: petition.id), department: "kinh-te",
                                    doneAt: Self.now, doneBy: nil, note: nil, ref: "12/KT-HT",
                                    answeredOn: Fixtures.date("2026-01-09"))
        let petitions = BaDonMail.mailer.groupAcknowledgement(
            plan: plan, department: "kinh-te", items: [(petition, completion, false)], inReplyTo: nil, now: Self.now)
        let office = BaDonMail.mailer.groupAcknowledgement(
            plan: plan, department: "van-phong", items: [(BaDonMail.invitation, completion, false)], inReplyTo: nil,
            now: Self.now)
        let readings = try PythonEmailTests.read([petitions, office])
        try #require(readings.count == 2)
        #expect(readings[0].subject == "V/v ghi nhận Phòng Kinh tế, Hạ tầng và Đô thị hoàn thành 1 kiến nghị")
        #expect(readings[0].body.contains(" các nhiệm vụ sau theo Thông báo kết luận số 45/TB-UBND ngày 26/12/2025, "))
        #expect(readings[0].body.contains("\n- Trả lời kiến nghị số 2 (văn bản số 12/KT-HT ngày 09/01/2026)\n"))
        #expect(readings[1].subject == "V/v ghi nhận Văn phòng HĐND và UBND phường hoàn thành 1 nhiệm vụ")
        #expect(readings[1].body.contains(" các nhiệm vụ sau thuộc Kế hoạch số 123/KH-UBND ngày 01/12/2025 của UBND "))
        #expect(!readings[1].body.contains("báo lại cho quản trị") && readings[1].cc.isEmpty)
        for reading in readings { #expect(!reading.body.contains("nhacviec") && reading.defects.isEmpty) }
    }
}

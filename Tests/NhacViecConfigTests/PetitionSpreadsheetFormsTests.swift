import Foundation
import NhacViecConfig
import NhacViecCore
import Testing

/// A petitions spreadsheet as a Vietnamese office types it: its headings, dates as dd/mm/yyyy, deadlines in days
/// from the Conclusion Notice and departments by name; each read into the ids and due rules the file stores.
struct PetitionSpreadsheetFormsTests {
    static let main = "/etc/nv/nhacviec.yaml"
    static let planFile = "/etc/nv/plans.d/ba-don.yaml"
    static let mainText = "mail:\n  from: \"Nhắc việc <nv@example.gov.vn>\"\nplans: plans.d\n"

    /// The shipped plan's departments and events; `events` replaces the events when given.
    static func planText(events: String? = nil) -> String {
        let events = events ?? """
              conference: {date: 2025-12-19, name: tổ chức Hội nghị}
              conclusion: {date: tbd, name: ban hành Thông báo kết luận}
            """
        return """
            plan:
              id: ba-don
              title: Hội nghị đối thoại
              admin: vp@example.gov.vn
            events:
            \(events)
            departments:
              van-phong: {name: Văn phòng HĐND và UBND phường, email: vp@example.gov.vn}
              vhxh: {name: Phòng Văn hóa - Xã hội, email: vhxh@example.gov.vn}
              kinh-te: {name: "Phòng Kinh tế, Hạ tầng và Đô thị", email: kt@example.gov.vn}
              cong-an: {name: Công an phường, email: ca@example.gov.vn}
              lanh-dao: {name: Chủ tịch UBND phường, email: ct@example.gov.vn}
            tasks:
              - id: giay-moi
                title: Gửi giấy mời
                owner: van-phong
                due: conference - 7d
            """
    }

    static func plan(events: String? = nil) throws -> Plan {
        let source = MemoryConfigurationSource(files: [main: mainText, planFile: planText(events: events)])
        return try #require(try ConfigurationLoader(source: source).load(mainFile: main).plans.first).plan
    }

    static func table(_ csv: String, events: String? = nil) throws -> PetitionTable {
        let plan = try plan(events: events)
        return PetitionTable(records: try CSVReader.read(Array(csv.utf8)), file: "kn.csv", plan: plan,
                             planTaskIDs: Set(plan.tasks.map(\.id)))
    }

    /// The one row `1,Nội dung,,DEPARTMENT,DEADLINE` under the usual headings.
    static func row(department: String = "kinh-te", due: String = "2026-01-30", events: String? = nil) throws
        -> (petition: Petition?, errors: [String]) {
        let csv = "STT,Nội dung kiến nghị,Người kiến nghị,Đơn vị trả lời,Hạn trả lời\n1,Nội dung,,\"\(department)\","
            + "\"\(due)\"\n"
        let table = try table(csv, events: events)
        return (table.petitions.first, table.diagnostics.map(\.description))
    }

    // MARK: headings

    @Test("the number column may be headed STT, TT, Số TT or Số thứ tự, with or without diacritics, in any case",
          arguments: ["STT", "TT", "Số TT", "Số thứ tự", "stt", "Tt", "SỐ TT", "so tt", "SO THU TU", " Số  thứ tự ",
                      "Số\nTT", "so"])
    func numberHeadings(heading: String) throws {
        let table = try Self.table("\"\(heading)\",Nội dung kiến nghị,Đơn vị trả lời,Hạn trả lời\n4,a,kinh-te,"
                                   + "2026-01-30\n")
        #expect(table.diagnostics.isEmpty, "\(table.diagnostics)")
        #expect(table.petitions.map(\.number) == [4])
    }

    @Test("the other columns take the headings offices use, and the English names still work")
    func otherHeadings() throws {
        for header in ["TT,Nội dung,Cử tri kiến nghị,Đơn vị chủ trì,Thời hạn",
                       "Số thứ tự,Nội dung kiến nghị,Người kiến nghị,Cơ quan trả lời,Thời hạn trả lời",
                       "stt,noi dung kien nghi,nguoi kien nghi,don vi tra loi,han tra loi",
                       "so,noi-dung,nguoi-kien-nghi,don-vi,han"] {
            let table = try Self.table(header + "\n2,Sửa đường,Ông An,kinh-te,conclusion + 15wd\n")
            #expect(table.diagnostics.isEmpty, "\(header): \(table.diagnostics)")
            #expect(table.petitions == [Petition(number: 2, content: "Sửa đường", raisedBy: "Ông An",
                                                 department: "kinh-te", due: "conclusion + 15wd")], "\(header)")
        }
    }

    // MARK: deadlines

    @Test("a deadline in days counts from the Conclusion Notice, in working days or in calendar days",
          arguments: [("15 ngày làm việc", "conclusion + 15wd"), ("10 ngày", "conclusion + 10d"),
                      ("15 ngay lam viec", "conclusion + 15wd"), ("10 NGÀY", "conclusion + 10d"),
                      ("  5  ngày  làm  việc ", "conclusion + 5wd"), ("15ngày làm việc", "conclusion + 15wd"),
                      ("Trong 15 ngày làm việc kể từ ngày ban hành Thông báo kết luận", "conclusion + 15wd"),
                      ("trong vòng 10 ngày, kể từ Thông báo kết luận", "conclusion + 10d"),
                      ("trong thời hạn 07 ngày làm việc", "conclusion + 7wd")])
    func daysFromTheConclusion(cell: String, rule: String) throws {
        let (petition, errors) = try Self.row(due: cell)
        #expect(errors.isEmpty)
        #expect(petition?.due == rule)
    }

    @Test("a date is written day first, dd/mm/yyyy or d/m/yyyy, and stored as YYYY-MM-DD; a task's due still works",
          arguments: [("30/01/2026", "2026-01-30"), ("5/1/2026", "2026-01-05"), ("05/1/2026", "2026-01-05"),
                      ("29/02/2028", "2028-02-29"), ("2026-01-30", "2026-01-30"),
                      ("conclusion + 15wd", "conclusion + 15wd"), ("conference - 2d", "conference - 2d")])
    func dates(cell: String, rule: String) throws {
        let (petition, errors) = try Self.row(due: cell)
        #expect(errors.isEmpty)
        #expect(petition?.due == rule)
    }

    @Test("an impossible or malformed date is refused at its cell, saying why")
    func impossibleDates() throws {
        let cases = [
            ("30/02/2026", "'30/02/2026' không phải ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày"),
            ("29/2/2026", "'29/2/2026' không phải ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày"),
            ("31/4/2026", "'31/4/2026' không phải ngày có thật: tháng 4 năm 2026 chỉ có 30 ngày"),
            ("0/1/2026", "'0/1/2026' không phải ngày có thật: không có ngày 0"),
            ("1/15/2026", "'1/15/2026' không phải ngày có thật: không có tháng 15; ngày ghi trước, tháng ghi sau "
                + "(ngày/tháng/năm)"),
            ("15/01/26", "'15/01/26' không đúng dạng ngày: ghi ngày/tháng/năm, năm đủ bốn chữ số, như 30/01/2026"),
            ("15/01/2201", "hạn 15/01/2201 nằm ngoài các năm nhacviec biết lịch nghỉ (1968-2100)"),
        ]
        for (cell, message) in cases {
            #expect(try Self.row(due: cell).errors == ["kn.csv:2:5: error: \(message)"], "\(cell)")
        }
    }

    @Test("days counted from something other than the Conclusion Notice are refused")
    func otherStartingPoint() throws {
        #expect(try Self.row(due: "10 ngày kể từ ngày nhận đơn").errors == [
            "kn.csv:2:5: error: hạn '10 ngày kể từ ngày nhận đơn' không tính từ Thông báo kết luận: một số ngày chỉ "
                + "tính được từ Thông báo kết luận (như 15 ngày làm việc); từ một sự kiện khác của kế hoạch, ghi "
                + "SỰ-KIỆN + 15wd",
        ])
        #expect(try Self.row(due: "sau 15 ngày").errors.first?.contains("không hiểu hạn trả lời 'sau 15 ngày'") == true)
        #expect(try Self.row(due: "12345 ngày").errors == ["kn.csv:2:5: error: hạn '12345 ngày': số ngày phải từ 0 "
                                                             + "đến 9999"])
    }

    @Test("the Conclusion Notice is the event with a known id, or the one whose name says it")
    func conclusionEventByName() throws {
        let named = "  conference: 2025-12-19\n  tb-hoi-nghi: {date: tbd, name: ban hành Thông báo Kết luận}"
        #expect(try Self.row(due: "15 ngày làm việc", events: named).petition?.due == "tb-hoi-nghi + 15wd")
        let vietnameseID = "  conference: 2025-12-19\n  ket-luan: tbd"
        #expect(try Self.row(due: "10 ngày", events: vietnameseID).petition?.due == "ket-luan + 10d")
        // `conclusion` wins over another event named after the notice.
        let both = "  conference: 2025-12-19\n  conclusion: tbd\n"
            + "  ban-hanh: {date: tbd, name: ban hành Thông báo kết luận}"
        #expect(try Self.row(due: "10 ngày", events: both).petition?.due == "conclusion + 10d")
    }

    @Test("without a Conclusion Notice event, a deadline in days says which event the plan needs")
    func noConclusionEvent() throws {
        #expect(try Self.row(due: "15 ngày làm việc", events: "  conference: 2025-12-19").errors == [
            "kn.csv:2:5: error: hạn '15 ngày làm việc' tính từ ngày ban hành Thông báo kết luận, nhưng kế hoạch "
                + "'ba-don' không có sự kiện đó (các sự kiện: conference). Trong events của kế hoạch, thêm conclusion: "
                + "{date: tbd, name: ban hành Thông báo kết luận}, hoặc đặt cho sự kiện đó name: ban hành Thông báo "
                + "kết luận; hoặc ghi hạn dạng SỰ-KIỆN + 15wd",
        ])
        let two = "  conference: 2025-12-19\n  a: {date: tbd, name: ký Thông báo kết luận}\n"
            + "  b: {date: tbd, name: gửi Thông báo kết luận}"
        #expect(try Self.row(due: "10 ngày", events: two).errors == [
            "kn.csv:2:5: error: hạn '10 ngày' tính từ Thông báo kết luận, nhưng kế hoạch 'ba-don' có nhiều sự kiện "
                + "mang tên đó: a, b; ghi hạn dạng a + 10d, hoặc đặt mã sự kiện là conclusion",
        ])
    }

    // MARK: departments

    @Test("a department is its id or its name, without diacritics, case or extra spaces; a part fitting one is enough",
          arguments: [("kinh-te", "kinh-te"), ("KINH-TE", "kinh-te"), ("kinh-tê", "kinh-te"),
                      ("Phòng Kinh tế, Hạ tầng và Đô thị", "kinh-te"), ("phong kinh te, ha tang va do thi", "kinh-te"),
                      ("  PHÒNG KINH TẾ,  HẠ TẦNG VÀ ĐÔ THỊ ", "kinh-te"), ("Phòng Kinh tế", "kinh-te"),
                      ("Phòng Văn hóa - Xã hội", "vhxh"), ("Văn hóa Xã hội", "vhxh"), ("Công an", "cong-an"),
                      ("Văn phòng HĐND và UBND phường", "van-phong"), ("Chủ tịch", "lanh-dao")])
    func departmentNames(cell: String, id: String) throws {
        let (petition, errors) = try Self.row(department: cell)
        #expect(errors.isEmpty)
        #expect(petition?.department == id)
    }

    @Test("a name that fits several departments is an error listing them, ids and names")
    func ambiguousDepartment() throws {
        #expect(try Self.row(department: "Phòng").errors == [
            "kn.csv:2:4: error: 'Phòng' có thể là 3 đơn vị: van-phong (Văn phòng HĐND và UBND phường), vhxh (Phòng "
                + "Văn hóa - Xã hội), kinh-te (Phòng Kinh tế, Hạ tầng và Đô thị); ghi mã đơn vị hoặc tên đầy đủ hơn",
        ])
        #expect(try Self.row(department: "ubnd phuong").errors == [
            "kn.csv:2:4: error: 'ubnd phuong' có thể là 2 đơn vị: van-phong (Văn phòng HĐND và UBND phường), "
                + "lanh-dao (Chủ tịch UBND phường); ghi mã đơn vị hoặc tên đầy đủ hơn",
        ])
    }

    @Test("an unknown or empty department is an error listing the plan's departments")
    func unknownDepartment() throws {
        let all = "van-phong (Văn phòng HĐND và UBND phường), vhxh (Phòng Văn hóa - Xã hội), kinh-te (Phòng Kinh tế, "
            + "Hạ tầng và Đô thị), cong-an (Công an phường), lanh-dao (Chủ tịch UBND phường)"
        #expect(try Self.row(department: "Phòng Tài chính - Kế hoạch").errors == [
            "kn.csv:2:4: error: 'Phòng Tài chính - Kế hoạch' không phải là đơn vị của kế hoạch 'ba-don' "
                + "(các đơn vị: \(all))",
        ])
        #expect(try Self.row(department: " ").errors
                == ["kn.csv:2:4: error: chưa ghi đơn vị trả lời; các đơn vị: \(all)"])
    }

    @Test("every problem of a row is told at its own cell, and the same bad cell on many rows on each")
    func everyCell() throws {
        let csv = "STT,Nội dung kiến nghị,Đơn vị trả lời,Hạn trả lời\n1,a,Phòng,31/02/2026\n2,b,Phòng,10 ngày\n"
        let errors = try Self.table(csv).diagnostics.map { "\($0.line):\($0.column)" }
        #expect(errors == ["2:3", "2:4", "3:3"])
    }
}

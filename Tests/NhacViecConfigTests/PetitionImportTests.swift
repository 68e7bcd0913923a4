import Foundation
import NhacViecConfig
import NhacViecCore
import Testing

/// Reading a petitions spreadsheet for a plan: header aliases, and each broken file with its exact FILE:ROW:COLUMN.
struct PetitionImportTests {
    static let main = "/etc/nv/nhacviec.yaml"
    static let planFile = "/etc/nv/plans.d/ba-don.yaml"
    static let petitionsFile = "/etc/nv/plans.d/ba-don.kien-nghi.yaml"
    static let mainText = "mail:\n  from: \"Nhắc việc <nv@example.gov.vn>\"\nplans: plans.d\n"
    static let planText = """
        plan:
          id: ba-don
          title: Hội nghị đối thoại
          admin: vp@example.gov.vn
        events:
          conference: 2025-12-19
          conclusion: 2025-12-26
        departments:
          van-phong: {name: Văn phòng, email: vp@example.gov.vn}
          kinh-te: {name: Phòng Kinh tế, email: kt@example.gov.vn}
          lanh-dao: {name: Chủ tịch, email: ct@example.gov.vn}
        tasks:
          - id: giay-moi
            title: Gửi giấy mời
            owner: van-phong
            due: conference - 7d
          - id: kn-99
            title: Một nhiệm vụ tên kn-99
            owner: van-phong
            due: conference
        """

    static func plan() throws -> Plan {
        let source = MemoryConfigurationSource(files: [main: mainText, planFile: planText])
        return try #require(try ConfigurationLoader(source: source).load(mainFile: main).plans.first).plan
    }

    static func table(_ csv: String) throws -> PetitionTable {
        let plan = try plan()
        return PetitionTable(records: try CSVReader.read(Array(csv.utf8)), file: "kn.csv", plan: plan,
                             planTaskIDs: Set(plan.tasks.map(\.id)))
    }

    static func errors(_ csv: String) throws -> [String] {
        try table(csv).diagnostics.map(\.description)
    }

    @Test func vietnameseHeadingsInAnyCaseAndOrder() throws {
        for header in ["Số TT,Nội dung kiến nghị,Người kiến nghị,Đơn vị trả lời,Hạn trả lời",
                       "SỐ TT, NỘI DUNG KIẾN NGHỊ ,người kiến nghị,đơn vị trả lời,HẠN TRẢ LỜI",
                       "so,noi-dung,nguoi-kien-nghi,don-vi,han",
                       "SO,Noi-Dung,Nguoi-Kien-Nghi,DON-VI,Han"] {
            let table = try Self.table(header + "\n3,\"Đề nghị sửa đường, TDP 2\",Ông An,kinh-te,conclusion + 15wd\n")
            #expect(table.diagnostics.isEmpty, "\(header): \(table.diagnostics)")
            #expect(table.petitions == [Petition(number: 3, content: "Đề nghị sửa đường, TDP 2", raisedBy: "Ông An",
                                                 department: "kinh-te", due: "conclusion + 15wd")])
        }
        // Decomposed diacritics (NFD), as some systems write them, name the same column.
        let nfd = "Số TT,Nội dung kiến nghị,Người kiến nghị,Đơn vị trả lời,Hạn trả lời".decomposedStringWithCanonicalMappingForTest
        #expect(try Self.table(nfd + "\n1,x,,kinh-te,2026-01-30\n").diagnostics.isEmpty)
        let reordered = try Self.table("han,don-vi,noi-dung,so\n2026-01-30,van-phong,Đề nghị,7\n")
        #expect(reordered.petitions.first?.due == "2026-01-30")
        #expect(reordered.petitions.first?.raisedBy == "")
    }

    @Test func unknownDepartmentSuggestsTheNearestAndListsTheDepartments() throws {
        #expect(try Self.errors("so,noi-dung,nguoi-kien-nghi,don-vi,han\n1,Đường,Ông A,kinh-tee,conclusion + 10wd\n")
                == ["kn.csv:2:4: error: 'kinh-tee' không phải là đơn vị của kế hoạch 'ba-don'; có phải 'kinh-te'? "
                    + "(các đơn vị: van-phong (Văn phòng), kinh-te (Phòng Kinh tế), lanh-dao (Chủ tịch))"])
    }

    @Test func emptyContent() throws {
        #expect(try Self.errors("so,noi-dung,nguoi-kien-nghi,don-vi,han\n1,\"  \",Ông A,kinh-te,conclusion + 10wd\n")
                == ["kn.csv:2:2: error: nội dung kiến nghị để trống"])
    }

    @Test func badDeadlines() throws {
        let csv = """
            so,noi-dung,nguoi-kien-nghi,don-vi,han
            1,a,,kinh-te,conclusion + 15 ngày
            2,a,,kinh-te,ket-luan + 15wd
            3,a,,kinh-te,2026-02-30
            4,a,,kinh-te,conclusion + 2w
            5,a,,kinh-te,

            """
        let forms = "15 ngày làm việc hoặc 10 ngày (tính từ Thông báo kết luận), một ngày như 30/01/2026, "
            + "hoặc SỰ-KIỆN + SỐ NGÀY như conclusion + 15wd"
        #expect(try Self.errors(csv) == [
            "kn.csv:2:5: error: không hiểu hạn trả lời 'conclusion + 15 ngày'; ghi một trong các dạng: \(forms)",
            "kn.csv:3:5: error: hạn 'ket-luan + 15wd' tính từ sự kiện 'ket-luan', nhưng kế hoạch 'ba-don' không có "
                + "sự kiện này (các sự kiện: conclusion, conference)",
            "kn.csv:4:5: error: '2026-02-30' không phải ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày",
            "kn.csv:5:5: error: số ngày '2w' trong hạn phải là số ngày như '10d' hoặc số ngày làm việc như '15wd'",
            "kn.csv:6:5: error: chưa ghi hạn trả lời; ghi như: \(forms)",
        ])
    }

    @Test func duplicateNumberAndClashWithAPlanTask() throws {
        let csv = "so,noi-dung,nguoi-kien-nghi,don-vi,han\n1,a,,kinh-te,2026-01-30\n\"2\",\"b\nc\",,kinh-te,2026-01-30\n1,d,,kinh-te,2026-01-30\n99,e,,kinh-te,2026-01-30\nx,f,,kinh-te,2026-01-30\n"
        #expect(try Self.errors(csv) == [
            "kn.csv:5:1: error: trùng số thứ tự 1 (đã có ở dòng 2)",
            "kn.csv:6:1: error: kiến nghị số 99 sẽ là nhiệm vụ 'kn-99', mà kế hoạch 'ba-don' đã có nhiệm vụ này; "
                + "hãy đổi mã nhiệm vụ đó trong kế hoạch",
            "kn.csv:7:1: error: số thứ tự phải là số nguyên từ 1 đến 999999, không phải 'x'",
        ])
    }

    @Test func wrongNumberOfFields() throws {
        let csv = "so,noi-dung,nguoi-kien-nghi,don-vi,han\n1,Sửa đường, TDP 2,Ông A,kinh-te,2026-01-30\n2,a,kinh-te,2026-01-30\n"
        #expect(try Self.errors(csv) == [
            "kn.csv:2:6: error: dòng này có 6 ô, dòng tiêu đề có 5; ô nào có dấu phẩy phải đặt trong dấu ngoặc kép",
            "kn.csv:3:5: error: dòng này có 4 ô, dòng tiêu đề có 5; ô nào có dấu phẩy phải đặt trong dấu ngoặc kép",
        ])
    }

    @Test func badHeader() throws {
        let hint = PetitionTable.headerHint
        #expect(try Self.errors("so,noi dung kien ngi,don-vi,han,ghi chú,STT\n") == [
            "kn.csv:1:2: error: không biết cột 'noi dung kien ngi'; có phải cột 'Nội dung kiến nghị'?; "
                + "các cột là \(hint)",
            "kn.csv:1:5: error: không biết cột 'ghi chú'; các cột là \(hint)",
            "kn.csv:1:6: error: cột 'STT' có hai lần (lần đầu ở cột 1)",
            "kn.csv:1:1: error: dòng tiêu đề thiếu cột 'Nội dung kiến nghị' (noi-dung); các cột là \(hint)",
        ])
    }

    // MARK: the petitions file, read by the loader as part of its plan

    static func load(_ petitions: String) -> (Configuration?, [String]) {
        let source = MemoryConfigurationSource(files: [main: mainText, planFile: planText, petitionsFile: petitions])
        do {
            return (try ConfigurationLoader(source: source).load(mainFile: main), [])
        } catch let error as ConfigurationError {
            return (nil, error.diagnostics.filter { $0.severity == .error }.map(\.description))
        } catch {
            return (nil, ["\(error)"])
        }
    }

    @Test func petitionsBecomeTasksOfTheirPlan() throws {
        let petitions = [Petition(number: 1, content: "Đề nghị sửa đường \"Hùng Vương\"\nđoạn TDP 2", raisedBy: "Ông Nguyễn Văn An",
                                  department: "kinh-te", due: "conclusion + 15wd"),
                         Petition(number: 12, content: "Mương thoát nước", raisedBy: "", department: "van-phong", due: "2026-01-30")]
        let plan = try Self.plan()
        let text = PetitionFileWriter.newFile(plan: plan, petitions: petitions, source: "kn.csv")
        let (configuration, errors) = Self.load(text)
        #expect(errors.isEmpty)
        let loaded = try #require(configuration?.plans.first)
        #expect(configuration?.plans.count == 1)
        #expect(loaded.petitions?.petitions == petitions)
        #expect(loaded.petitions?.file == Self.petitionsFile)
        let task = try #require(loaded.plan.task("kn-1"))
        #expect(task.title == "Trả lời kiến nghị số 1")
        #expect(task.description == "Nội dung kiến nghị: Đề nghị sửa đường \"Hùng Vương\"\nđoạn TDP 2\nNgười kiến nghị: Ông Nguyễn Văn An")
        #expect(task.owners == ["kinh-te"])
        #expect(task.due == .relative(event: "conclusion", direction: .after, offset: Offset(15, .workingDays)))
        #expect(task.overdue == OverdueRule(every: Offset(2, .workingDays), times: 3))
        #expect(loaded.plan.task("kn-12")?.due == .absolute(LocalDate(iso: "2026-01-30")!))
        #expect(text.contains("noi-dung: \"Đề nghị sửa đường \\\"Hùng Vương\\\"\\nđoạn TDP 2\""))
    }

    @Test func everyProblemOfAPetitionsFileIsPlaced() {
        let text = """
            petitions-for: ba-dong
            petitions: []
            """
        #expect(Self.load(text).1 == ["\(Self.petitionsFile):1:16: error: petitions-for names plan 'ba-dong', which no plan file defines; did you mean 'ba-don'? (plans: ba-don)"])
        let broken = """
            petitions-for: ba-don
            defaults:
              remind: [2wd]
              shift: truoc
            petitions:
              - so: 1
                noi-dung: a
                don-vi: kinh-tee
                han: conclusion + 15wd
              - so: 1
                noi-dung: b
                don-vi: kinh-te
                han: ketluan + 15wd
              - so: 99
                noi-dung: c
                don-vi: kinh-te
                han: 2026-13-01
              - so: 4
                noi-dung: d
                don-vi: kinh-te
                hann: 2026-01-30
            """
        #expect(Self.load(broken).1 == [
            "\(Self.petitionsFile):4:10: error: shift must be 'earlier', 'later' or 'none', not 'truoc'",
            "\(Self.petitionsFile):8:13: error: don-vi 'kinh-tee' is not a department of this plan; did you mean 'kinh-te'?",
            "\(Self.petitionsFile):10:9: error: duplicate petition number 1 (first on line 6)",
            "\(Self.petitionsFile):13:10: error: han refers to undefined event 'ketluan' (known events: conclusion, conference)",
            "\(Self.petitionsFile):14:9: error: petition 99 would be task 'kn-99', which plan 'ba-don' already has; rename that task or renumber the petition",
            "\(Self.petitionsFile):17:10: error: han '2026-13-01' is not a valid date (write YYYY-MM-DD; event names start with a letter)",
            "\(Self.petitionsFile):21:5: error: unknown key 'hann' in a petition; did you mean 'han'?",
            "\(Self.petitionsFile):18:5: error: petition is missing 'han'",
        ])
    }

    @Test func reimportReplacesOnlyTheListAndKeepsCommentsAndDefaults() throws {
        let plan = try Self.plan()
        var text = PetitionFileWriter.newFile(plan: plan, petitions: [Petition(number: 1, content: "a", raisedBy: "", department: "kinh-te", due: "2026-01-30")], source: "kn.csv")
        text = text.replacingFirst("  remind: [5wd, 2wd, 1wd, 0d]", with: "  remind: [3wd, 0d]   # văn phòng chọn")
        let updated = try #require(PetitionFileWriter.replacingList(in: text, with: [
            Petition(number: 1, content: "a sửa", raisedBy: "Bà B", department: "van-phong", due: "conclusion + 10wd"),
            Petition(number: 2, content: "b", raisedBy: "", department: "kinh-te", due: "2026-01-30"),
        ]))
        #expect(updated.contains("  remind: [3wd, 0d]   # văn phòng chọn\n"))
        #expect(updated.hasPrefix("# Kiến nghị của Nhân dân"))
        let (configuration, errors) = Self.load(updated)
        #expect(errors.isEmpty)
        let loaded = try #require(configuration?.plans.first)
        #expect(loaded.petitions?.petitions.map(\.number) == [1, 2])
        #expect(loaded.plan.task("kn-1")?.owners == ["van-phong"])
        #expect(loaded.plan.task("kn-1")?.remind == [Offset(3, .workingDays), Offset(0, .days)])
        // A key after the list stays.
        let middle = "petitions-for: ba-don\npetitions:\n  - so: 1\n    noi-dung: x\n    don-vi: kinh-te\n    han: 2026-01-30\n# cuối\ndefaults:\n  remind: [1wd]\n"
        let spliced = try #require(PetitionFileWriter.replacingList(in: middle, with: []))
        #expect(spliced == "petitions-for: ba-don\npetitions: []\ndefaults:\n  remind: [1wd]\n")
    }
}

extension String {
    var decomposedStringWithCanonicalMappingForTest: String {
        var view = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar {
            case "ố": view.append(contentsOf: "o\u{302}\u{301}".unicodeScalars)
            case "ộ": view.append(contentsOf: "o\u{323}\u{302}".unicodeScalars)
            default: view.append(scalar)
            }
        }
        return String(view)
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

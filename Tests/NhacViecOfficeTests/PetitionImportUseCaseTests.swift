import Foundation
import NhacViecConfig
import NhacViecCore
import NhacViecOffice
import Synchronization
import Testing
import TestSupport

/// `nhacviec petitions import`'s use case on files in a temporary directory and the in-memory ledger: the
/// changes by number, the refusal to drop an answered petition, and every failure writing nothing.
struct PetitionImportUseCaseTests {
    static let header = "so,noi-dung,nguoi-kien-nghi,don-vi,han\n"
    static let three = header + """
        1,Sửa đường Hùng Vương,Ông An,kinh-te,conclusion + 15wd
        2,Mương thoát nước,Bà Bình,van-phong,2026-01-30
        3,Cây xanh,,kinh-te,2026-01-30

        """
    let files: OfficeFiles
    let ledger = InMemoryLedger()

    init() throws { files = try OfficeFiles() }

    func importer(opened: (@Sendable () -> Void)? = nil) throws -> PetitionImport {
        PetitionImport(configuration: try files.load(), openLedger: { [ledger] in
            opened?()
            return ledger
        }, check: { [files] in try files.load(source: $0) })
    }

    /// Imports `csv` as the file `name` and writes it; returns the proposal.
    @discardableResult
    func importAndWrite(_ csv: String, name: String = "kn.csv", force: Bool = false) throws -> PetitionImportProposal {
        let importer = try importer()
        let proposal = try importer.propose(plan: "ba-don", file: try files.temporary.write(name, csv))
        _ = try importer.write(proposal, force: force, dryRun: false)
        return proposal
    }

    @Test("a first import writes a new petitions file with every petition, beside the plan, and leaves nothing else")
    func firstImport() throws {
        let csv = try files.temporary.write("kn.csv", Self.three)
        let importer = try importer()
        let proposal = try importer.propose(plan: "ba-don", file: csv)
        #expect(proposal.isFirst)
        #expect(proposal.lines(dryRun: false) == [
            "+ 1  kinh-te  conclusion + 15wd  Sửa đường Hùng Vương", "+ 2  van-phong  2026-01-30  Mương thoát nước",
            "+ 3  kinh-te  2026-01-30  Cây xanh", "3 added, 0 changed, 0 removed, 0 unchanged: added 1-3",
        ])
        #expect(try importer.write(proposal, force: false, dryRun: false) == "\(files.petitions): 3 petitions written "
                + "(tasks kn-N of ba-don). A running daemon uses them after: systemctl reload nhacviec")
        #expect(try files.load().plans.first?.petitions?.petitions.map(\.number) == [1, 2, 3])
        #expect(files.planFiles == ["ba-don.kien-nghi.yaml", "ba-don.yaml"])
    }

    @Test("a spreadsheet as an office types it is written with department ids and due rules, and passes check")
    func officeForms() throws {
        let typed = """
            STT,Nội dung kiến nghị,Người kiến nghị,Đơn vị trả lời,Hạn trả lời
            1,Sửa đường Hùng Vương,Ông An,Phòng Kinh tế,15 ngày làm việc
            2,Mương thoát nước,Bà Bình,VAN PHONG,30/01/2026
            3,Cây xanh,,chu tich,10 ngày

            """
        let proposal = try importAndWrite(typed)
        #expect(proposal.changes == ["+ 1  kinh-te  conclusion + 15wd  Sửa đường Hùng Vương",
                                     "+ 2  van-phong  2026-01-30  Mương thoát nước",
                                     "+ 3  lanh-dao  conclusion + 10d  Cây xanh"])
        let text = try #require(files.temporary.read("plans.d/ba-don.kien-nghi.yaml"))
        #expect(text.contains("    don-vi: kinh-te\n    han: conclusion + 15wd\n"))
        #expect(text.contains("    don-vi: van-phong\n    han: 2026-01-30\n"))
        #expect(text.contains("    don-vi: lanh-dao\n    han: conclusion + 10d\n"))
        let loaded = try #require(try files.load().plans.first)
        #expect(loaded.plan.task("kn-1")?.owners == ["kinh-te"])
        #expect(loaded.plan.task("kn-3")?.due
                == .relative(event: "conclusion", direction: .after, offset: Offset(10, .days)))
        // The same spreadsheet with ids and rules is the same petitions: nothing to change.
        let ids = try files.temporary.write("kn-ids.csv", Self.header + """
            1,Sửa đường Hùng Vương,Ông An,kinh-te,conclusion + 15wd
            2,Mương thoát nước,Bà Bình,van-phong,2026-01-30
            3,Cây xanh,,lanh-dao,conclusion + 10d

            """)
        #expect(try importer().propose(plan: "ba-don", file: ids).merge.isEmpty)
    }

    @Test("a re-import lists what is added, changed and removed by number, and keeps the file's comments")
    func reimport() throws {
        try importAndWrite(Self.three)
        let corrected = Self.header + """
            1,Sửa đường Hùng Vương,Ông An,kinh-te,conclusion + 15wd
            2,Mương thoát nước,Bà Bình,van-phong,2026-02-06
            4,Đèn chiếu sáng,Tổ dân phố 3,van-phong,2026-02-13

            """
        let proposal = try importAndWrite(corrected, name: "kn-2.csv")
        #expect(proposal.changes == ["+ 4  van-phong  2026-02-13  Đèn chiếu sáng", "~ 2  han 2026-01-30 → 2026-02-06",
                                     "- 3  Cây xanh"])
        #expect(proposal.summary == "1 added, 1 changed, 1 removed, 1 unchanged: added 4; changed 2; removed 3")
        #expect(try files.load().plans.first?.petitions?.petitions.map(\.number) == [1, 2, 4])
        #expect(try #require(files.temporary.read("plans.d/ba-don.kien-nghi.yaml")).hasPrefix("# Kiến nghị"))
    }

    @Test("removing an answered petition is refused without --force and writes nothing; with it, it is removed")
    func answeredPetitionNeedsForce() throws {
        try importAndWrite(Self.three)
        ledger.markDone(Completion(task: TaskKey(planID: "ba-don", taskID: "kn-3"), department: "kinh-te",
                                   doneAt: Fixtures.instant("2026-01-05T10:00"), doneBy: "Lan", note: nil))
        let before = files.temporary.read("plans.d/ba-don.kien-nghi.yaml")
        let withoutThree = Self.header + "1,Sửa đường Hùng Vương,Ông An,kinh-te,conclusion + 15wd\n"
            + "2,Mương thoát nước,Bà Bình,van-phong,2026-01-30\n"
        let csv = try files.temporary.write("kn-2.csv", withoutThree)
        let importer = try importer()
        let proposal = try importer.propose(plan: "ba-don", file: csv)
        #expect(proposal.changes == ["- 3  Cây xanh (already answered)"])
        let error = try #require(throws: OfficeError.self) { try importer.write(proposal, force: false, dryRun: false) }
        #expect(error.code == .refused)
        #expect(error.description == "kiến nghị số 3 đã được trả lời mà không có trong \(csv); chưa ghi gì. "
                + "Thêm lại vào bảng tính, hoặc xoá bằng --force")
        #expect(files.temporary.read("plans.d/ba-don.kien-nghi.yaml") == before)
        _ = try importer.write(proposal, force: true, dryRun: false)
        #expect(try files.load().plans.first?.petitions?.petitions.map(\.number) == [1, 2])
    }

    @Test("a CSV error is told in Vietnamese as FILE:ROW:COLUMN, the ledger is not opened and nothing is written")
    func csvErrorWritesNothing() throws {
        let csv = try files.temporary.write("kn.csv", Self.header + "1,Đường,Ông A,kinh-tee,conclusion + 10wd\n")
        let opened = Counter()
        let error = try #require(throws: OfficeError.self) {
            try importer(opened: { opened.add() }).propose(plan: "ba-don", file: csv)
        }
        #expect(error.code == .invalidInput)
        #expect(error.diagnostics.map(\.description)
                == ["\(csv):2:4: error: 'kinh-tee' không phải là đơn vị của kế hoạch 'ba-don'; có phải 'kinh-te'? "
                    + "(các đơn vị: van-phong (Văn phòng), kinh-te (Phòng Kinh tế), lanh-dao (Chủ tịch))"])
        #expect(error.description == "1 lỗi trong \(csv); chưa ghi gì")
        #expect(opened.value == 0)
        #expect(files.planFiles == ["ba-don.yaml"])
    }

    @Test("a quote never closed is told at the row and field where it starts")
    func unterminatedQuote() throws {
        let broken = Self.header + "1,Đường,Ông A,kinh-te,2026-01-30\n2,\"Mương,Bà B,vp,x\n"
        let csv = try files.temporary.write("kn.csv", broken)
        let error = try #require(throws: OfficeError.self) { try importer().propose(plan: "ba-don", file: csv) }
        #expect(error.diagnostics.map(\.description)
                == ["\(csv):3:2: error: ô này mở dấu ngoặc kép '\"' mà không đóng: thiếu một dấu '\"'"])
        #expect(error.description == "không nhập được \(csv); chưa ghi gì")
    }

    @Test("when the configuration with the new file would not pass check, its diagnostics come back and nothing is written")
    func failingCheckWritesNothing() throws {
        let importer = try importer()
        // Another plan file broken after the configuration was loaded: the whole configuration no longer passes.
        try files.temporary.write("plans.d/hong.yaml", OfficeFiles.brokenPlanText)
        let proposal = try importer.propose(plan: "ba-don", file: try files.temporary.write("kn.csv", Self.three))
        let error = try #require(throws: OfficeError.self) { try importer.write(proposal, force: false, dryRun: false) }
        #expect(error.code == .checkFailed)
        #expect(error.description == "với các kiến nghị này, cấu hình không qua được kiểm tra (check); chưa ghi gì")
        #expect(!error.diagnostics.isEmpty)
        #expect(error.diagnostics.allSatisfy { $0.file.hasSuffix("/plans.d/hong.yaml") })
        #expect(files.planFiles == ["ba-don.yaml", "hong.yaml"])
    }

    @Test("a dry run checks and lists every change, however many, and writes nothing")
    func dryRun() throws {
        let rows = (1...51).map { "\($0),Kiến nghị \($0),,kinh-te,2026-01-30\n" }.joined()
        let importer = try importer()
        let csv = try files.temporary.write("kn.csv", Self.header + rows)
        let proposal = try importer.propose(plan: "ba-don", file: csv)
        #expect(proposal.lines(dryRun: true).count == 52)
        #expect(proposal.lines(dryRun: false) == ["51 added, 0 changed, 0 removed, 0 unchanged: added 1-51"])
        #expect(try importer.write(proposal, force: false, dryRun: true)
                == "--dry-run: nothing was written to \(files.petitions)")
        #expect(files.planFiles == ["ba-don.yaml"])
    }
}

/// A count that a `@Sendable` closure can raise.
final class Counter: Sendable {
    private let count = Mutex(0)

    /// The count so far.
    var value: Int { count.withLock { $0 } }

    /// Adds one.
    func add() { count.withLock { $0 += 1 } }
}

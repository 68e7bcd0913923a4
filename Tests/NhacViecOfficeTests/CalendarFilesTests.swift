import Foundation
import NhacViecCore
import NhacViecOffice
import NhacViecOutput
import Testing
import TestSupport

/// The calendar files of `calendar-dir` and `calendar --output-dir`, written into a temporary directory.
struct CalendarFilesTests {
    let directory: TemporaryDirectory
    let office = OfficeFixture()

    init() throws { directory = try TemporaryDirectory() }

    var files: CalendarFiles { CalendarFiles(configuration: office.configuration, directory: directory.path + "/lich") }

    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/" + name)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("every calendar is a file per plan and per department, mode 0644, with no temporary file left")
    func writesEveryCalendar() throws {
        let names = try files.writeAll(completions: [:], now: office.now)
        #expect(names.sorted() == ["ba-don.ics", "ba-don.lanh-dao.ics", "ba-don.vp.ics"])
        #expect(directory.names(in: "lich") == names.sorted())
        #expect(try mode("lich") == 0o755)
        for name in names { #expect(try mode("lich/" + name) == 0o644) }
        #expect(directory.read("lich/ba-don.vp.ics")?.hasPrefix("BEGIN:VCALENDAR\r\n") == true)
    }

    @Test("a file is replaced by a rename, so that a reader sees the old calendar or the new one")
    func replacesAtomically() throws {
        try files.writeAll(completions: [:], now: office.now)
        let path = directory.path + "/lich/ba-don.vp.ics"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let task = TaskKey(planID: "ba-don", taskID: "giay-moi")
        let done = [task: [Completion(task: task, department: "vp", doneAt: office.now, doneBy: nil, note: nil)]]
        let plan = office.configuration.plans[0].plan
        #expect(try files.refresh(plan: plan, departments: ["vp"], completions: done, now: office.now)
                == ["ba-don.ics", "ba-don.vp.ics"])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int != before)
        #expect(directory.read("lich/ba-don.vp.ics")?.contains("X-NHACVIEC-DONE:TRUE") == true)
        #expect(directory.names(in: "lich").allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("writing every calendar removes the files nhacviec wrote for a plan that is gone, and nothing else")
    func removesStaleFiles() throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/lich", withIntermediateDirectories: false)
        try directory.write("lich/cu.ics",
                            "BEGIN:VCALENDAR\r\nPRODID:\(ICalendarWriter.productID)\r\nEND:VCALENDAR\r\n")
        try directory.write("lich/khac.ics", "BEGIN:VCALENDAR\r\nPRODID:-//other//EN\r\nEND:VCALENDAR\r\n")
        try files.writeAll(completions: [:], now: office.now)
        #expect(directory.names(in: "lich") == ["ba-don.ics", "ba-don.lanh-dao.ics", "ba-don.vp.ics", "khac.ics"])
    }

    @Test("a calendar path that is a file is refused as unwritable")
    func pathIsAFile() throws {
        try directory.write("lich", "not a directory")
        let error = try #require(throws: OfficeError.self) { try files.writeAll(completions: [:], now: office.now) }
        #expect(error.code == .unwritable)
        #expect(error.description == "\(directory.path)/lich is not a directory")
    }

    @Test("without calendar-dir a change refreshes nothing and warns of nothing")
    func noCalendarDirectory() throws {
        let plan = office.configuration.plans[0].plan
        #expect(CalendarFiles.refreshAfterChange(configuration: office.configuration, plan: plan, departments: ["vp"],
                                                 ledger: office.ledger, now: office.now) == nil)
        #expect(directory.names().isEmpty)
    }
}

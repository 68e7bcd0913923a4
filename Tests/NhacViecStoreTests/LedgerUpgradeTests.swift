import Foundation
import NhacViecCore
import NhacViecStore
import Testing

/// A ledger written by the previous release opens, migrates in place, and keeps everything it held.
struct LedgerUpgradeTests {
    func copyOfReleaseLedger() throws -> String {
        let fixture = try #require(Bundle.module.url(forResource: "ledger-v1-release", withExtension: "sqlite", subdirectory: "Fixtures"))
        let dir = NSTemporaryDirectory() + "nhacviec-upgrade-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.path, toPath: dir + "/state.sqlite")
        return dir + "/state.sqlite"
    }

    @Test("the previous release's ledger upgrades in place: deliveries kept, the whole-task completion kept for every owner")
    func upgradesInPlace() throws {
        let path = try copyOfReleaseLedger()
        let ledger = SQLiteLedger(database: try AppDatabase.openForDaemon(path: path))
        #expect(try ledger.count() == 68)
        let key = TaskKey(planID: "ba-don-2025", taskID: "giay-moi")
        let done = try ledger.doneOwners(key)
        #expect(done.everyone)
        #expect(done.isComplete(owners: ["vp", "vhxh"]))
        let completion = try #require(try ledger.completions()[key]?.first)
        #expect(completion.department == nil)
        #expect(completion.doneBy == "Nguyễn Thị Lan")
        #expect(completion.note == "đã gửi giấy mời số 12/GM-UBND")
        #expect(completion.ref == nil)
        // The upgraded file takes the new records.
        #expect(try ledger.markDone(Completion(task: TaskKey(planID: "ba-don-2025", taskID: "tra-loi-van-ban"), department: "vp",
                                               doneAt: Date(), doneBy: "vp@badon.example.gov.vn", note: nil, ref: "45/UBND-VP")))
        #expect(FileManager.default.fileExists(atPath: LedgerMarker(statePath: path).path), "an upgraded ledger gets its marker")
    }

    @Test("the office commands refuse the old ledger until the daemon has migrated it")
    func clientsWaitForTheDaemon() throws {
        let path = try copyOfReleaseLedger()
        let error = try #require(throws: StoreError.self) { try AppDatabase.openForClient(path: path) }
        #expect(error.code == .notMigrated)
    }
}

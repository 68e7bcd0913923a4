import Foundation
import NhacViecCore
import NhacViecStore
import Testing
import TestSupport

struct StateStoreTests {
    let instance = ReminderInstance(planID: "p", taskID: "t", kind: .due, dueDay: Fixtures.date("2025-12-12"),
                                    day: Fixtures.date("2025-12-12"), at: Fixtures.instant("2025-12-12T07:30"),
                                    recipients: ["vp@example.gov.vn"])

    @Test("a recorded delivery is a handled key of its task")
    func recordedDeliveryIsHandled() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.record(LedgerEntry(send: .reminder(instance), outcome: .sent, mailID: "<x@y>", recordedAt: Date(timeIntervalSince1970: 0),
                                      attempts: 1, detail: nil))
        let records = try ledger.records()
        #expect(records[TaskKey(planID: "p", taskID: "t")]?.handledKeys == ["p/t/due/2025-12-12"])
        #expect(try ledger.lastSent()[TaskKey(planID: "p", taskID: "t")]?.kind == "due")
    }

    @Test("done and reopen are recorded and read back fresh")
    func doneAndReopen() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        let key = TaskKey(planID: "p", taskID: "t")
        #expect(try !ledger.doneOwners(key).everyone)
        #expect(try ledger.markDone(Completion(task: key, doneAt: Date(timeIntervalSince1970: 0), doneBy: "Lan", note: "đã gửi")))
        #expect(try !ledger.markDone(Completion(task: key, doneAt: Date(timeIntervalSince1970: 1), doneBy: nil, note: nil)))
        #expect(try ledger.doneOwners(key).everyone)
        #expect(try ledger.completions()[key]?.first?.doneBy == "Lan")
        #expect(try ledger.reopen(key, department: nil))
        #expect(try !ledger.doneOwners(key).everyone)
    }

    @Test("a file that is not a database stops the daemon instead of being recreated")
    func corruptFileIsRefused() throws {
        let path = NSTemporaryDirectory() + "nhacviec-corrupt-\(UUID().uuidString).sqlite"
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: StoreError.self) { try AppDatabase.openForDaemon(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x42, count: 8192))
    }

    @Test("the office commands refuse a missing file and never create one")
    func clientNeverCreates() throws {
        let path = NSTemporaryDirectory() + "nhacviec-missing-\(UUID().uuidString).sqlite"
        let error = try #require(throws: StoreError.self) { try AppDatabase.openForClient(path: path) }
        #expect(error.code == .missing)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("the daemon migrates a new file in WAL mode and the office commands can then open it")
    func daemonMigratesThenClientOpens() throws {
        let path = NSTemporaryDirectory() + "nhacviec-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let daemon = SQLiteLedger(database: try AppDatabase.openForDaemon(path: path))
        try daemon.record(LedgerEntry(send: .reminder(instance), outcome: .sent, mailID: nil, recordedAt: Date(), attempts: 1, detail: nil))
        let client = SQLiteLedger(database: try AppDatabase.openForClient(path: path))
        #expect(try client.outcomes() == ["p/t/due/2025-12-12": .sent])
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("each owner department reports on its own, with a document number, and reopens on its own")
    func completionPerDepartment() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        let key = TaskKey(planID: "p", taskID: "t")
        #expect(try ledger.markDone(Completion(task: key, department: "vp", doneAt: Date(timeIntervalSince1970: 0), doneBy: "vp@x.vn",
                                               note: "Đã trả lời", ref: "45/UBND-VP")))
        #expect(try !ledger.markDone(Completion(task: key, department: "vp", doneAt: Date(), doneBy: nil, note: nil)))
        #expect(try ledger.markDone(Completion(task: key, department: "ca", doneAt: Date(timeIntervalSince1970: 5), doneBy: nil, note: nil)))
        let done = try ledger.doneOwners(key)
        #expect(done.departments == ["vp", "ca"] && !done.everyone)
        #expect(done.pending(of: ["vp", "vhxh", "ca"]) == ["vhxh"])
        #expect(try ledger.completions()[key]?.first?.ref == "45/UBND-VP")
        #expect(try ledger.records()[key]?.done == done)
        #expect(try ledger.reopen(key, department: "ca"))
        #expect(try ledger.doneOwners(key).departments == ["vp"])
    }

    @Test("a department's accepted copy is remembered, a failed one is not")
    func copiesPerDepartment() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        try ledger.record(LedgerEntry(send: .reminder(instance), department: "vp", outcome: .sent, mailID: "<a>", recordedAt: Date(), attempts: 1, detail: nil))
        try ledger.record(LedgerEntry(send: .reminder(instance), department: "ca", outcome: .failed, mailID: "<b>", recordedAt: Date(), attempts: 1, detail: "550"))
        #expect(try ledger.acceptedCopies(.reminder(instance)) == ["vp"])
        #expect(try ledger.records()[instance.taskKey] == nil, "a copy alone does not handle the instance")
    }
}

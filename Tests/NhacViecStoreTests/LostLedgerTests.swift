import Foundation
import NhacViecCore
import NhacViecStore
import Testing
import TestSupport

/// A first start is told apart from a lost ledger by the marker the daemon leaves beside the file.
struct LostLedgerTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "nhacviec-lost-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a first start creates the ledger and marks the directory")
    func firstStartMarks() throws {
        let dir = try directory()
        _ = try AppDatabase.openForDaemon(path: dir + "/state.sqlite")
        #expect(FileManager.default.fileExists(atPath: dir + "/.state.sqlite.created"))
        #expect(LedgerMarker(statePath: dir + "/state.sqlite").createdAt != nil)
    }

    @Test("a deleted ledger in a marked directory is refused, naming --new-ledger")
    func deletedLedgerIsRefused() throws {
        let dir = try directory()
        _ = try AppDatabase.openForDaemon(path: dir + "/state.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir + "/state.sqlite" + suffix) }
        let error = try #require(throws: StoreError.self) { try AppDatabase.openForDaemon(path: dir + "/state.sqlite") }
        #expect(error.code == .lost)
        #expect(error.message.hasPrefix("is missing, but this directory has held nhacviec's ledger since "))
        #expect(error.message.contains("nhacviec run --new-ledger"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/state.sqlite"))
    }

    @Test("an empty ledger in a marked directory is refused and left as it is")
    func emptyLedgerIsRefused() throws {
        let dir = try directory()
        _ = try AppDatabase.openForDaemon(path: dir + "/state.sqlite")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir + "/state.sqlite" + suffix) }
        _ = FileManager.default.createFile(atPath: dir + "/state.sqlite", contents: Data())
        let error = try #require(throws: StoreError.self) { try AppDatabase.openForDaemon(path: dir + "/state.sqlite") }
        #expect(error.code == .lost)
        #expect(error.message.hasPrefix("is empty"))
        #expect(try FileManager.default.attributesOfItem(atPath: dir + "/state.sqlite")[.size] as? Int == 0)
    }

    @Test("--new-ledger starts afresh in a marked directory and remembers the moment")
    func newLedgerStartsAfresh() throws {
        let dir = try directory()
        _ = try AppDatabase.openForDaemon(path: dir + "/state.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dir + "/state.sqlite" + suffix) }
        let now = Fixtures.instant("2026-03-14T08:00")
        let database = try AppDatabase.openForDaemon(path: dir + "/state.sqlite", startAfresh: true, now: now)
        #expect(try database.freshStart() == now)
        let reopened = try AppDatabase.openForDaemon(path: dir + "/state.sqlite")
        #expect(try reopened.freshStart() == now)
    }

    @Test("--new-ledger refuses to replace a ledger that still has its history")
    func newLedgerKeepsAGoodLedger() throws {
        let dir = try directory()
        let ledger = SQLiteLedger(database: try AppDatabase.openForDaemon(path: dir + "/state.sqlite"))
        let instance = ReminderInstance(planID: "p", taskID: "t", kind: .due, dueDay: Fixtures.date("2026-03-13"),
                                        day: Fixtures.date("2026-03-13"), at: Fixtures.instant("2026-03-13T07:30"), recipients: ["a@b.vn"])
        try ledger.record(LedgerEntry(send: .reminder(instance), outcome: .sent, mailID: nil, recordedAt: Date(), attempts: 1, detail: nil))
        let error = try #require(throws: StoreError.self) {
            try AppDatabase.openForDaemon(path: dir + "/state.sqlite", startAfresh: true)
        }
        #expect(error.code == .notLost)
    }

    @Test("an attempt left open by a killed process is handed back once, and a recorded outcome closes it")
    func interruptedAttempts() throws {
        let ledger = SQLiteLedger(database: try AppDatabase.inMemory())
        let instance = ReminderInstance(planID: "p", taskID: "t", kind: .due, dueDay: Fixtures.date("2026-03-13"),
                                        day: Fixtures.date("2026-03-13"), at: Fixtures.instant("2026-03-13T07:30"), recipients: ["a@b.vn"])
        let other = ReminderInstance(planID: "p", taskID: "u", kind: .due, dueDay: instance.dueDay, day: instance.day,
                                     at: instance.at, recipients: ["a@b.vn"])
        try ledger.beginDelivery(.reminder(instance), department: nil, recipients: [], mailID: "<x@y>", at: Date())
        try ledger.beginDelivery(.reminder(other), department: nil, recipients: [], mailID: "<z@y>", at: Date())
        try ledger.record(LedgerEntry(send: .reminder(other), outcome: .sent, mailID: "<z@y>", recordedAt: Date(), attempts: 1, detail: nil))
        #expect(try ledger.takeInterruptedAttempts() == ["p/t/due/2026-03-13"])
        #expect(try ledger.takeInterruptedAttempts().isEmpty)
        #expect(try ledger.records()[TaskKey(planID: "p", taskID: "t")] == nil)
    }
}

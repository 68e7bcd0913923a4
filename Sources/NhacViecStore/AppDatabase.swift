import Foundation
import GRDB

/// Owns the SQLite state file and its migrator: the one place that knows the schema.
public final class AppDatabase: Sendable {
    /// The connection (a WAL pool on disk, a queue in memory).
    let writer: any DatabaseWriter
    /// The file's path, or `:memory:`.
    public let path: String

    private init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Named migrations; a shipped migration is never edited, only followed by new ones.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-deliveries-and-completions") { db in
            try db.create(table: "delivery") { t in
                t.primaryKey("key", .text)
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("due", .text).notNull()
                t.column("day", .text).notNull()
                t.column("scheduledAt", .datetime).notNull()
                t.column("outcome", .text).notNull().check { ["sent", "skipped", "failed"].contains($0) }
                t.column("mailID", .text)
                t.column("recordedAt", .datetime).notNull()
                t.column("attempts", .integer).notNull()
                t.column("detail", .text)
            }
            try db.create(index: "delivery_by_task", on: "delivery", columns: ["plan", "task"])
            try db.create(table: "completion") { t in
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("doneAt", .datetime).notNull()
                t.column("doneBy", .text)
                t.column("note", .text)
                t.primaryKey(["plan", "task"])
            }
        }
        migrator.registerMigration("v2-attempts-and-meta") { db in
            // A row here means a sendmail was (about to be) started and its outcome not yet recorded.
            try db.create(table: "attempt") { t in
                t.primaryKey("key", .text)
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("mailID", .text)
                t.column("startedAt", .datetime).notNull()
            }
            try db.create(table: "meta") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("v3-completion-per-department-and-copies") { db in
            // A completion belongs to one owner department, or to all ('' as before this migration).
            try db.create(table: "completion_v3") { t in
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("department", .text).notNull().defaults(to: "")
                t.column("doneAt", .datetime).notNull()
                t.column("doneBy", .text)
                t.column("note", .text)
                t.column("ref", .text)
                t.primaryKey(["plan", "task", "department"])
            }
            try db.execute(sql: """
                INSERT INTO completion_v3 (plan, task, department, doneAt, doneBy, note)
                SELECT plan, task, '', doneAt, doneBy, note FROM completion
                """)
            try db.drop(table: "completion")
            try db.rename(table: "completion_v3", to: "completion")
            // Each owner's own copy of a reminder when replies by mail are on.
            try db.create(table: "copy") { t in
                t.column("key", .text).notNull()
                t.column("department", .text).notNull()
                t.column("outcome", .text).notNull()
                t.column("mailID", .text)
                t.column("recordedAt", .datetime).notNull()
                t.column("attempts", .integer).notNull()
                t.column("detail", .text)
                t.primaryKey(["key", "department"])
            }
        }
        migrator.registerMigration("v4-weekly-digests") { db in
            // One row per address and ISO week: key `digest/ADDRESS/YYYY-Www`. Its attempt rows share `attempt`.
            try db.create(table: "digest") { t in
                t.primaryKey("key", .text)
                t.column("address", .text).notNull()
                t.column("week", .text).notNull()
                t.column("day", .text).notNull()
                t.column("scheduledAt", .datetime).notNull()
                t.column("outcome", .text).notNull().check { ["sent", "skipped", "failed"].contains($0) }
                t.column("tasks", .integer).notNull()
                t.column("mailID", .text)
                t.column("recordedAt", .datetime).notNull()
                t.column("attempts", .integer).notNull()
                t.column("detail", .text)
            }
        }
        migrator.registerMigration("v5-answer-date") { db in
            // The date of a written answer (YYYY-MM-DD), which a petition's deadline is judged by.
            try db.alter(table: "completion") { t in t.add(column: "answeredOn", .text) }
        }
        migrator.registerMigration("v6-envelopes-address-failures-forwards") { db in
            // One row per message copy handed to sendmail; its id signs the copy's bounce address (VERP).
            try db.create(table: "envelope") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("department", .text)
                t.column("mailID", .text)
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "envelope_by_mail", on: "envelope", columns: ["mailID"])
            try db.create(table: "envelope_recipient") { t in
                t.column("envelope", .integer).notNull().references("envelope", onDelete: .cascade)
                t.column("address", .text).notNull()
                t.primaryKey(["envelope", "address"])
            }
            try db.create(index: "envelope_recipient_by_address", on: "envelope_recipient", columns: ["address", "envelope"])
            // The latest failure reported for each address, and the day the admins were last told of it.
            try db.create(table: "address_failure") { t in
                t.primaryKey("address", .text)
                t.column("permanent", .boolean).notNull()
                t.column("status", .text).notNull()
                t.column("diagnostic", .text)
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("department", .text)
                t.column("copyAt", .datetime).notNull()
                t.column("reportedAt", .datetime).notNull()
                t.column("noticeDay", .text)
            }
            // Forwards to people, and those the rate limit held back.
            try db.create(table: "forward") { t in
                t.column("address", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("held", .boolean).notNull()
            }
            try db.create(index: "forward_by_address", on: "forward", columns: ["address", "at"])
        }
        migrator.registerMigration("v7-digests-in-delivery") { db in
            // One outcome table for every kind of send: a digest is a row of kind 'digest', filed under an empty plan
            // and its address; `items` says how many tasks it listed.
            try db.alter(table: "delivery") { t in t.add(column: "items", .integer) }
            try db.execute(sql: """
                INSERT INTO delivery (key, plan, task, kind, due, day, scheduledAt, outcome, mailID, recordedAt, attempts, detail, items)
                SELECT key, '', address, 'digest', week, day, scheduledAt, outcome, mailID, recordedAt, attempts, detail, tasks
                FROM digest
                """)
            try db.drop(table: "digest")
        }
        migrator.registerMigration("v8-envelope-items") { db in
            // The sends a grouped mail lists, with the number it shows each: a reply names them by it.
            try db.create(table: "envelope_item") { t in
                t.column("envelope", .integer).notNull().references("envelope", onDelete: .cascade)
                t.column("key", .text).notNull()
                t.column("plan", .text).notNull()
                t.column("task", .text).notNull()
                t.column("number", .integer).notNull()
                t.primaryKey(["envelope", "key"])
            }
        }
        return migrator
    }

    /// Opens (creating on first start) and migrates the file: only the daemon does this.
    ///
    /// A ledger that is missing or empty in a directory that held one (see `LedgerMarker`) is refused
    /// rather than recreated, which would resend the whole catch-up window, unless `startAfresh` says
    /// the admin means it (`nhacviec run --new-ledger`); the fresh start's instant is then kept in the
    /// file (`freshStart`).
    public static func openForDaemon(path: String, startAfresh: Bool = false, now: Date = Date()) throws -> AppDatabase {
        let marker = LedgerMarker(statePath: path)
        let hasHistory = LedgerMarker.holdsData(path)
        if startAfresh && hasHistory {
            throw StoreError(code: .notLost, path: path, message: "holds a ledger; --new-ledger only starts afresh when the ledger is lost. Run without it, or move the file away first")
        }
        if !hasHistory, let since = marker.createdAt, !startAfresh {
            let state = FileManager.default.fileExists(atPath: path) ? "is empty" : "is missing"
            throw StoreError(code: .lost, path: path, message: "\(state), but this directory has held nhacviec's ledger since \(since); starting a new one would resend every reminder of the catch-up window. Restore it from a backup, or start afresh on purpose with: nhacviec run --new-ledger (add --catch-up to also send what was missed before)")
        }
        if !hasHistory, FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)  // an empty file is not a database; SQLite will make one
        }
        let database = try open(path: path, mustExist: false)
        do {
            try database.writer.write { db in
                guard try String.fetchOne(db, sql: "PRAGMA quick_check") == "ok" else {
                    throw StoreError(code: .corrupt, path: path, message: "integrity check failed; restore the file from a backup (it is never recreated, which would resend every reminder)")
                }
            }
            if try database.writer.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError(code: .tooNew, path: path, message: "written by a newer nhacviec; upgrade nhacviec")
            }
            try migrator.migrate(database.writer)
            if startAfresh { try database.setMeta("fresh-start", ISO8601DateFormatter().string(from: now)) }
            try marker.markIfNeeded(now: now)
            // Office staff in the service's group run status and done; WAL needs them to write.
            for suffix in ["", "-wal", "-shm"] { _ = chmod(path + suffix, 0o660) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFailure.classify(error, path: path).error(path: path, detail: "\(error)", fallback: .corrupt)
        }
        return database
    }

    /// Opens an existing, fully migrated file for the office commands; never migrates.
    public static func openForClient(path: String) throws -> AppDatabase {
        let database = try open(path: path, mustExist: true)
        let state = try database.reading { db in
            (superseded: try migrator.hasBeenSuperseded(db), complete: try migrator.hasCompletedMigrations(db))
        }
        if state.superseded { throw StoreError(code: .tooNew, path: path, message: "written by a newer nhacviec; upgrade this nhacviec") }
        if !state.complete {
            throw StoreError(code: .notMigrated, path: path, message: "not set up yet; start the daemon once (systemctl start nhacviec)")
        }
        return database
    }

    /// A migrated in-memory database for tests.
    public static func inMemory() throws -> AppDatabase {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return AppDatabase(writer: queue, path: ":memory:")
    }

    private static func open(path: String, mustExist: Bool) throws -> AppDatabase {
        let filesystem = StoreFailure.Filesystem.probe(path)
        if !filesystem.directoryExists {
            throw StoreFailure.missingDirectory.error(path: path, detail: "", fallback: .missing)
        }
        let exists = FileManager.default.fileExists(atPath: path)
        if mustExist && !exists {
            throw StoreError(code: .missing, path: path, message: "does not exist; start the daemon once (systemctl start nhacviec), or pass the right --config")
        }
        // Checked here because SQLite's own errors (CANTOPEN, READONLY) do not say which of these it was.
        if exists ? access(path, R_OK | W_OK) != 0 : access(StoreFailure.directory(of: path), W_OK) != 0 {
            throw StoreFailure.systemCall(path: path, filesystem: filesystem)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            return AppDatabase(writer: try DatabasePool(path: path, configuration: configuration), path: path)
        } catch {
            throw StoreFailure.classify(error, path: path).error(path: path, detail: "cannot open: \(error)", fallback: .unreadable)
        }
    }

    /// The instant of the last `--new-ledger` start, if the ledger was started afresh.
    public func freshStart() throws -> Date? {
        try meta("fresh-start").flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    func meta(_ name: String) throws -> String? {
        try reading { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name]) }
    }

    func setMeta(_ name: String, _ value: String) throws {
        try writing { db in
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [name, value])
        }
    }

    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreFailure.classify(error, path: path).error(path: path, detail: "\(error)", fallback: .query)
        }
    }

    /// A write in an IMMEDIATE transaction: the write lock is taken before the first read, so a
    /// read-then-write (a count, then an insert) is atomic across processes too.
    func writingImmediately<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as StoreError { throw error } catch {
            throw StoreFailure.classify(error, path: path).error(path: path, detail: "\(error)", fallback: .query)
        }
    }

    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreFailure.classify(error, path: path).error(path: path, detail: "\(error)", fallback: .query)
        }
    }
}

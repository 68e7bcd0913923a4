import Foundation
import GRDB
import NhacViecCore

/// What the ledger keeps about mail beyond reminders: the copies sent (for delivery reports), the addresses
/// that did not receive them, and the forwards to people under their rate limit.
extension SQLiteLedger {
    /// Registers a copy about to be handed to sendmail (again, on a retry: it keeps its id) and its recipients.
    static func registerEnvelope(_ db: Database, key: String, plan: String, task: String, department: String?,
                                 recipients: [String], mailID: String?, at: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO envelope (key, plan, task, department, mailID, at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET mailID = excluded.mailID, at = excluded.at
            """, arguments: [key, plan, task, department, mailID, at])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM envelope WHERE key = ?", arguments: [key]) ?? 0
        for address in Set(recipients.map { $0.lowercased() }) {
            try db.execute(sql: "INSERT OR IGNORE INTO envelope_recipient (envelope, address) VALUES (?, ?)",
                           arguments: [id, address])
        }
        return id
    }

    public func markUndeliverable(_ failure: AddressFailure) throws {
        try database.writingImmediately { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM address_failure WHERE address = ?", arguments: [failure.address]),
               !Self.failure(row).isReplaced(by: failure) {
                return
            }
            try db.execute(sql: """
                INSERT INTO address_failure (address, permanent, status, diagnostic, plan, task, department, copyAt, reportedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(address) DO UPDATE SET permanent = excluded.permanent, status = excluded.status,
                    diagnostic = excluded.diagnostic, plan = excluded.plan, task = excluded.task,
                    department = excluded.department, copyAt = excluded.copyAt, reportedAt = excluded.reportedAt
                """, arguments: [failure.address, failure.permanent, failure.status, failure.diagnostic, failure.plan,
                                 failure.task, failure.department, failure.copyAt, failure.reportedAt])
        }
    }

    public func sentCopy(id: Int64) throws -> SentCopy? {
        try database.reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM envelope WHERE id = ?", arguments: [id]).map { try Self.copy($0, db) }
        }
    }

    public func sentCopy(mailID: String) throws -> SentCopy? {
        try database.reading { db in
            try Row.fetchOne(db, sql: "SELECT * FROM envelope WHERE mailID = ? ORDER BY id DESC LIMIT 1", arguments: [mailID])
                .map { try Self.copy($0, db) }
        }
    }

    public func copyTargets() throws -> Set<DepartmentTask> {
        try database.reading { db in
            var result = Set<DepartmentTask>()
            // Copies sent before envelopes were kept are in the `copy` table, named by their instance's key.
            let sql = """
                SELECT plan, task, department FROM envelope WHERE department IS NOT NULL AND task <> ''
                UNION SELECT i.plan, i.task, e.department FROM envelope_item i JOIN envelope e ON e.id = i.envelope
                    WHERE e.department IS NOT NULL
                UNION SELECT d.plan, d.task, c.department FROM copy c JOIN delivery d ON d.key = c.key
                """
            for row in try Row.fetchAll(db, sql: sql) {
                result.insert(DepartmentTask(task: TaskKey(planID: row["plan"], taskID: row["task"]), department: row["department"]))
            }
            return result
        }
    }

    public func addressFailures(now: Date) throws -> [AddressFailure] {
        try database.reading { db in
            try Row.fetchAll(db, sql: "SELECT * FROM address_failure ORDER BY address").map(Self.failure).filter { failure in
                let later = try Date.fetchOne(db, sql: """
                    SELECT min(e.at) FROM envelope e JOIN envelope_recipient r ON r.envelope = e.id
                    WHERE r.address = ? AND e.at > ?
                    """, arguments: [failure.address, failure.copyAt])
                return !failure.isCleared(laterSend: later, now: now)
            }
        }
    }

    public func claimFailureNotice(address: String, day: LocalDate) throws -> Bool {
        try database.writingImmediately { db in
            try db.execute(sql: """
                UPDATE address_failure SET noticeDay = ? WHERE address = ? AND (noticeDay IS NULL OR noticeDay <> ?)
                """, arguments: [day.iso, address.lowercased(), day.iso])
            return db.changesCount > 0
        }
    }

    public func reserveForward(to address: String, limit: ForwardLimit, now: Date) throws -> Bool {
        let address = address.lowercased()
        return try database.writingImmediately { db in
            let earlier = try Date.fetchAll(db, sql: "SELECT at FROM forward WHERE address = ? AND held = 0 AND at > ?",
                                            arguments: [address, now.addingTimeInterval(-limit.window)])
            let allowed = limit.allows(after: earlier, now: now)
            try db.execute(sql: "INSERT INTO forward (address, at, held) VALUES (?, ?, ?)", arguments: [address, now, !allowed])
            // A month of history is plenty for `status`; older rows only cost space.
            try db.execute(sql: "DELETE FROM forward WHERE at < ?", arguments: [now.addingTimeInterval(-31 * 86_400)])
            return allowed
        }
    }

    public func forwardSummary(since: Date) throws -> ForwardSummary {
        try database.reading { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(held = 0), 0) AS sent, coalesce(sum(held = 1), 0) AS held FROM forward WHERE at >= ?
                """, arguments: [since])
            return ForwardSummary(forwarded: row?["sent"] ?? 0, held: row?["held"] ?? 0)
        }
    }

    private static func copy(_ row: Row, _ db: Database) throws -> SentCopy {
        let id: Int64 = row["id"]
        let recipients = try String.fetchAll(db, sql: "SELECT address FROM envelope_recipient WHERE envelope = ? ORDER BY address",
                                             arguments: [id])
        var copy = SentCopy(id: id, key: row["key"], plan: row["plan"], task: row["task"], department: row["department"],
                            recipients: recipients, mailID: row["mailID"], at: row["at"])
        copy.items = try Row.fetchAll(db, sql: "SELECT key, plan, task, number FROM envelope_item WHERE envelope = ? ORDER BY number",
                                      arguments: [id]).map {
            CopyItem(key: $0["key"], task: TaskKey(planID: $0["plan"], taskID: $0["task"]), number: $0["number"])
        }
        return copy
    }

    private static func failure(_ row: Row) -> AddressFailure {
        AddressFailure(address: row["address"], permanent: row["permanent"], status: row["status"], diagnostic: row["diagnostic"],
                       plan: row["plan"], task: row["task"], department: row["department"], copyAt: row["copyAt"],
                       reportedAt: row["reportedAt"])
    }
}

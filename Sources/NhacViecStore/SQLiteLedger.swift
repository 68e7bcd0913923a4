import Foundation
import GRDB
import NhacViecCore

/// The ledger and the completion records, on the SQLite state file.
public struct SQLiteLedger: OfficeLedger {
    let database: AppDatabase

    /// Creates a ledger over a database.
    public init(database: AppDatabase) {
        self.database = database
    }

    public func records() throws -> [TaskKey: TaskRecord] {
        try database.reading { db in
            var records: [TaskKey: TaskRecord] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT plan, task, key FROM delivery")
            while let row = try rows.next() {
                records[TaskKey(planID: row["plan"], taskID: row["task"]), default: TaskRecord()].handledKeys.insert(row["key"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT plan, task, department FROM completion") {
                let key = TaskKey(planID: row["plan"], taskID: row["task"])
                let department: String = row["department"]
                if department.isEmpty { records[key, default: TaskRecord()].done.everyone = true } else {
                    records[key, default: TaskRecord()].done.departments.insert(department)
                }
            }
            return records
        }
    }

    public func doneOwners(_ task: TaskKey) throws -> DoneOwners {
        try database.reading { db in
            let departments = try String.fetchAll(db, sql: "SELECT department FROM completion WHERE plan = ? AND task = ?",
                                                  arguments: [task.planID, task.taskID])
            return DoneOwners(everyone: departments.contains(""), departments: Set(departments.filter { !$0.isEmpty }))
        }
    }

    public func acceptedCopies(_ send: Send) throws -> Set<String> {
        try database.reading { db in
            Set(try String.fetchAll(db, sql: "SELECT department FROM copy WHERE key = ? AND outcome = 'sent'", arguments: [send.key]))
        }
    }

    @discardableResult
    public func beginDelivery(_ send: Send, department: String?, recipients: [String], mailID: String?, at: Date) throws -> Int64 {
        let row = Self.row(send)
        return try database.writing { db in
            try db.execute(sql: """
                INSERT INTO attempt (key, plan, task, mailID, startedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET mailID = excluded.mailID, startedAt = excluded.startedAt
                """, arguments: [send.copyKey(department), row.plan, row.task, mailID, at])
            return try Self.registerEnvelope(db, key: send.copyKey(department), plan: row.plan, task: row.task,
                                             department: department, recipients: recipients, mailID: mailID, at: at)
        }
    }

    @discardableResult
    public func beginGroupDelivery(_ items: [(send: Send, number: Int)], department: String?, recipients: [String],
                                   mailID: String?, at: Date) throws -> Int64 {
        let key = Self.groupKey(items.map(\.send), department: department)
        let first = Self.row(items[0].send)
        return try database.writing { db in
            for item in items {
                let row = Self.row(item.send)
                try db.execute(sql: """
                    INSERT INTO attempt (key, plan, task, mailID, startedAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET mailID = excluded.mailID, startedAt = excluded.startedAt
                    """, arguments: [item.send.copyKey(department), row.plan, row.task, mailID, at])
            }
            let id = try Self.registerEnvelope(db, key: key, plan: first.plan, task: "", department: department,
                                               recipients: recipients, mailID: mailID, at: at)
            for item in items {
                let row = Self.row(item.send)
                try db.execute(sql: """
                    INSERT OR REPLACE INTO envelope_item (envelope, key, plan, task, number) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, item.send.key, row.plan, row.task, item.number])
            }
            return id
        }
    }

    /// The key of one grouped mail: its department and the sends it lists, so that a retry of the same group keeps its id.
    static func groupKey(_ sends: [Send], department: String?) -> String {
        "group/\(department ?? "")/" + sends.map(\.key).sorted().joined(separator: "|")
    }

    /// The columns a send is filed under: its plan, task, kind and due day; a digest under an empty plan, its
    /// address, the kind `digest` and its ISO week.
    static func row(_ send: Send) -> (plan: String, task: String, kind: String, due: String) {
        switch send {
        case .reminder(let instance): return (instance.planID, instance.taskID, instance.kind.rawValue, instance.dueDay.iso)
        case .digest(let instance): return ("", instance.address, "digest", instance.week.description)
        }
    }

    public func takeInterruptedAttempts() throws -> [String] {
        try database.writing { db in
            let keys = try String.fetchAll(db, sql: "SELECT key FROM attempt ORDER BY startedAt")
            try db.execute(sql: "DELETE FROM attempt")
            return keys
        }
    }

    public func record(_ entry: LedgerEntry) throws {
        let send = entry.send, row = Self.row(send)
        try database.writing { db in
            try db.execute(sql: "DELETE FROM attempt WHERE key = ?", arguments: [send.copyKey(entry.department)])
            if let department = entry.department {
                try db.execute(sql: """
                    INSERT INTO copy (key, department, outcome, mailID, recordedAt, attempts, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(key, department) DO UPDATE SET outcome = excluded.outcome, mailID = excluded.mailID,
                        recordedAt = excluded.recordedAt, attempts = excluded.attempts, detail = excluded.detail
                    """, arguments: [send.key, department, entry.outcome.rawValue, entry.mailID, entry.recordedAt,
                                     entry.attempts, entry.detail])
                return
            }
            try db.execute(sql: """
                INSERT INTO delivery (key, plan, task, kind, due, day, scheduledAt, outcome, mailID, recordedAt, attempts, detail, items)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET outcome = excluded.outcome, mailID = excluded.mailID,
                    recordedAt = excluded.recordedAt, attempts = excluded.attempts, detail = excluded.detail, items = excluded.items
                """, arguments: [send.key, row.plan, row.task, row.kind, row.due, send.day.iso, send.at, entry.outcome.rawValue,
                                 entry.mailID, entry.recordedAt, entry.attempts, entry.detail, entry.items])
        }
    }

    @discardableResult
    public func markDone(_ completion: Completion) throws -> Bool {
        try database.writing { db in
            try db.execute(sql: """
                INSERT INTO completion (plan, task, department, doneAt, doneBy, note, ref, answeredOn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(plan, task, department) DO NOTHING
                """, arguments: [completion.task.planID, completion.task.taskID, completion.department ?? "", completion.doneAt,
                                 completion.doneBy, completion.note, completion.ref, completion.answeredOn?.iso])
            return db.changesCount > 0
        }
    }

    public func recordCompletion(_ report: CompletionReport) throws -> CompletionChange {
        try database.writingImmediately { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT department, doneAt, doneBy, note, ref, answeredOn FROM completion
                WHERE plan = ? AND task = ? AND department IN (?, '') ORDER BY department DESC
                """, arguments: [report.task.planID, report.task.taskID, report.department ?? ""])
            // The department's own row, else the task's whole-task row, which covers every owner.
            let existing = rows.first.map { Self.completion($0, task: report.task) }
            let change = report.merged(into: existing)
            let record = change.completion
            switch change {
            case .unchanged: break
            case .recorded, .updated:
                try db.execute(sql: """
                    INSERT INTO completion (plan, task, department, doneAt, doneBy, note, ref, answeredOn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(plan, task, department) DO UPDATE SET note = excluded.note, ref = excluded.ref,
                        answeredOn = excluded.answeredOn
                    """, arguments: [record.task.planID, record.task.taskID, record.department ?? "", record.doneAt,
                                     record.doneBy, record.note, record.ref, record.answeredOn?.iso])
            }
            return change
        }
    }

    static func completion(_ row: Row, task: TaskKey) -> Completion {
        let department: String = row["department"]
        return Completion(task: task, department: department.isEmpty ? nil : department, doneAt: row["doneAt"],
                          doneBy: row["doneBy"], note: row["note"], ref: row["ref"],
                          answeredOn: (row["answeredOn"] as String?).flatMap(LocalDate.init(iso:)))
    }

    @discardableResult
    public func reopen(_ task: TaskKey, department: String?) throws -> Bool {
        try database.writing { db in
            if let department {
                // Reopening one department of a task marked done as a whole keeps the others done.
                try db.execute(sql: """
                    DELETE FROM completion WHERE plan = ? AND task = ? AND department = ?
                    """, arguments: [task.planID, task.taskID, department])
                return db.changesCount > 0
            }
            try db.execute(sql: "DELETE FROM completion WHERE plan = ? AND task = ?", arguments: [task.planID, task.taskID])
            return db.changesCount > 0
        }
    }

    public func completions() throws -> [TaskKey: [Completion]] {
        try database.reading { db in
            var result: [TaskKey: [Completion]] = [:]
            let sql = "SELECT plan, task, department, doneAt, doneBy, note, ref, answeredOn FROM completion ORDER BY doneAt"
            for row in try Row.fetchAll(db, sql: sql) {
                let key = TaskKey(planID: row["plan"], taskID: row["task"])
                result[key, default: []].append(Self.completion(row, task: key))
            }
            return result
        }
    }

    /// The latest sent reminder of each task: kind, day and when.
    public func lastSent() throws -> [TaskKey: SentReminder] {
        try database.reading { db in
            var result: [TaskKey: SentReminder] = [:]
            let sql = "SELECT plan, task, kind, day, recordedAt FROM delivery WHERE outcome = 'sent' AND plan <> '' ORDER BY recordedAt"
            for row in try Row.fetchAll(db, sql: sql) {
                result[TaskKey(planID: row["plan"], taskID: row["task"])] = SentReminder(kind: row["kind"], day: row["day"], at: row["recordedAt"])
            }
            return result
        }
    }

    /// How many instances the ledger holds.
    public func count() throws -> Int {
        try database.reading { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM delivery") ?? 0 }
    }

    /// Every ledger row's outcome, by instance key (for tests and reports).
    public func outcomes() throws -> [String: LedgerOutcome] {
        try database.reading { db in
            var result: [String: LedgerOutcome] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, outcome FROM delivery") {
                result[row["key"]] = LedgerOutcome(rawValue: row["outcome"])
            }
            return result
        }
    }
}

import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// Carries out the scheduler's actions: one outcome recorder for every kind of send.
    func handle(_ actions: [SchedulerAction]) {
        runtime.assertOnContext()
        var sends: [Delivery] = []
        defer { deliver(batch: sends) }
        for action in actions {
            switch action {
            case .send(let delivery): sends.append(delivery)
            case .delivered(let delivery): recordDelivered(delivery)
            case .skip(let send, let reason): recordSkipped(send, reason)
            case .deferred(let delivery, let retryAt, let reason):
                let what = delivery.send.digest == nil ? "delivery" : "weekly digest delivery"
                log(.warning, delivery.send.digest == nil ? JournalMessageID.deliveryDeferred : JournalMessageID.digestDeferred,
                    "\(what) deferred, retry at \(ISOTimestamp.string(retryAt, zone: zone(delivery.send))): \(reason)",
                    delivery.send, attempt: delivery.attempt, mailID: outbox.mailIDs[delivery.send.key])
            case .failed(let delivery, let reason): recordFailed(delivery, reason)
            }
        }
    }

    func recordDelivered(_ delivery: Delivery) {
        let send = delivery.send, mailID = outbox.mailIDs[send.key]
        write(LedgerEntry(send: send, outcome: .sent, mailID: mailID, recordedAt: environment.clock.now(), attempts: delivery.attempt,
                          detail: delivery.isLate ? "late" : nil, items: outbox.items[send.key]))
        let late = delivery.isLate ? " LATE (missed while the daemon was down)"
            : delivery.movedByReload ? " after its instant: a reload moved its date" : ""
        switch send {
        case .reminder(let instance):
            let id: String
            switch instance.kind {
            case .overdue: id = JournalMessageID.taskOverdue
            case .escalation: id = JournalMessageID.escalationSent
            default: id = JournalMessageID.reminderSent
            }
            log(.info, id, "\(instance.kind.rawValue) reminder sent to \(instance.recipients.joined(separator: ", "))\(late)", send,
                attempt: delivery.attempt, mailID: mailID)
        case .digest(let instance):
            log(.info, JournalMessageID.digestSent, "weekly digest of \(instance.week) sent to \(instance.address)\(late)", send,
                attempt: delivery.attempt, mailID: mailID)
        }
    }

    func recordSkipped(_ send: Send, _ reason: SkipReason) {
        write(LedgerEntry(send: send, outcome: .skipped, mailID: nil, recordedAt: environment.clock.now(), attempts: 0,
                          detail: reason.rawValue))
        let why: String
        switch reason {
        case .tooLate: why = "missed by more than the catch-up limit"
        case .superseded: why = "superseded by a later reminder of the same task"
        case .taskDone: why = "the task is done"
        case .historyLost: why = "it fell due before the ledger was started afresh (--new-ledger)"
        case .empty: why = "nothing to list"
        case .inDigest: why = "the weekly digest of the owners still to report lists the task today"
        }
        let quiet = reason == .taskDone || reason == .empty || reason == .inDigest
        switch send {
        case .reminder(let instance):
            log(quiet ? .info : .warning, JournalMessageID.reminderSkipped,
                "\(instance.kind.rawValue) reminder of \(instance.day.iso) not sent: \(why)", send)
        case .digest(let instance):
            log(quiet ? .info : .warning, JournalMessageID.digestSkipped,
                "weekly digest of \(instance.week) to \(instance.address) not sent: \(reason == .tooLate ? reason.rawValue : why)", send)
        }
    }

    func recordFailed(_ delivery: Delivery, _ reason: String) {
        let send = delivery.send, mailID = outbox.mailIDs[send.key]
        write(LedgerEntry(send: send, outcome: .failed, mailID: mailID, recordedAt: environment.clock.now(),
                          attempts: delivery.attempt, detail: reason, items: outbox.items[send.key]))
        guard case .reminder(let instance) = send else {
            log(.error, JournalMessageID.digestFailed, "weekly digest delivery failed for good: \(reason)", send,
                attempt: delivery.attempt, mailID: mailID)
            return
        }
        log(.error, JournalMessageID.deliveryFailed, "delivery failed for good: \(reason)", send, attempt: delivery.attempt, mailID: mailID)
        guard let plan = loaded.plansByID[instance.planID] else { return }
        let calendar = loaded.configuration.calendar
        sendToAdmins(plan: plan, what: "the failure report") { renderer, now in
            try renderer.failureReport(plan: plan, instance: instance, reason: reason, attempts: delivery.attempt,
                                       calendar: calendar, now: now)
        }
    }

    /// Writes to the ledger; an outcome that cannot be written is kept and written once the store works again.
    func write(_ entry: LedgerEntry) {
        runtime.assertOnContext()
        noteHandledDuringReload(entry.send)
        do {
            try flushUnwritten()
            try environment.ledger.record(entry)
            storeWorks()
        } catch {
            store.unwritten.append(entry)
            storeFailed("cannot record \(entry.send.key) as \(entry.outcome.rawValue): \(error)")
        }
    }

    /// Logs the sends that a previous process started and never recorded: each may go out twice.
    func reportInterruptedAttempts(_ keys: [String]) {
        guard !keys.isEmpty else { return }
        log(.warning, JournalMessageID.deliveryInterrupted,
            "\(keys.count) send(s) were interrupted by a crash or kill before their outcome was recorded; they are sent again, so a recipient may get one twice (at-least-once): \(keys.joined(separator: ", "))")
    }
}

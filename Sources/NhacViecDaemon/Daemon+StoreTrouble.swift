import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// The ledger could not be written: pause sending (deliveries wait for it), say so loudly once, and
    /// keep probing while outcomes wait to be written.
    func storeFailed(_ reason: String) {
        runtime.assertOnContext()
        guard store.trouble == nil else { return }
        store.trouble = (environment.clock.now(), reason)
        log(.critical, JournalMessageID.storeUnwritable, "the state file cannot be written; sending is paused until it can: \(reason)")
        environment.notifier.notify([("STATUS", statusLine())])
        startStoreProbe()
    }

    /// A write succeeded: if the store had failed and nothing waits to be written, sending resumes
    /// and the admins hear what happened.
    func storeWorks() {
        runtime.assertOnContext()
        guard let trouble = store.trouble, store.unwritten.isEmpty else { return }
        store.trouble = nil
        timers.storeProbe?.cancel()
        timers.storeProbe = nil
        log(.notice, JournalMessageID.storeRecovered, "the state file can be written again; sending resumes (it failed since \(ISOTimestamp.string(trouble.since, zone: .vietnam)))")
        var told = Set<[String]>()
        for entry in loaded.configuration.plans where told.insert(entry.plan.admins).inserted {
            let plan = entry.plan
            sendToAdmins(plan: plan, what: "the notice that the state file works again") { renderer, now in
                try renderer.storeRecovered(plan: plan, since: trouble.since, reason: trouble.reason, now: now)
            }
        }
        publishStatus()
    }

    /// Writes the outcomes kept while the store failed, oldest first; stops at the first failure.
    func flushUnwritten() throws {
        while let entry = store.unwritten.first {
            try environment.ledger.record(entry)
            store.unwritten.removeFirst()
        }
    }

    /// Every 30 s while outcomes wait to be written: try them again. Only runs in trouble, so an idle
    /// daemon still never wakes.
    private func startStoreProbe() {
        guard timers.storeProbe == nil, !phase.isStopping else { return }
        timers.storeProbe = runtime.repeating(every: 30) { [weak self] in self?.probeStore() }
    }

    private func probeStore() {
        guard !store.unwritten.isEmpty else { return }
        do {
            try flushUnwritten()
            storeWorks()
        } catch {
            logger.debug("the state file still cannot be written: \(error)")
        }
    }
}

/// Whether the state file can be written: since when it cannot and why, and the outcomes waiting until it can.
struct StoreHealth {
    var trouble: (since: Date, reason: String)?
    /// Outcomes that could not be written yet; written first once the store works again.
    var unwritten: [LedgerEntry] = []
}

@preconcurrency import Dispatch
import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// The ledger could not be written: pause sending (deliveries wait for it), say so loudly once, and
    /// keep probing while outcomes wait to be written.
    func storeFailed(_ reason: String) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard storeTrouble == nil else { return }
        storeTrouble = (environment.clock.now(), reason)
        log(.critical, JournalMessageID.storeUnwritable, "the state store cannot be written; sending is paused until it can: \(reason)")
        environment.notifier.notify([("STATUS", statusLine())])
        startStoreProbe()
    }

    /// A write succeeded: if the store had failed and nothing waits to be written, sending resumes
    /// and the admins hear what happened.
    func storeWorks() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let trouble = storeTrouble, unwritten.isEmpty else { return }
        storeTrouble = nil
        storeProbe?.cancel()
        storeProbe = nil
        log(.notice, JournalMessageID.storeRecovered, "the state store can be written again; sending resumes (it failed since \(ISOTimestamp.string(trouble.since, zone: .vietnam)))")
        var told = Set<[String]>()
        for loaded in configuration.plans where told.insert(loaded.plan.admins).inserted {
            let plan = loaded.plan
            sendToAdmins(plan: plan, what: "the notice that the state store works again") { renderer, now in
                try renderer.storeRecovered(plan: plan, since: trouble.since, reason: trouble.reason, now: now)
            }
        }
        publishStatus()
    }

    /// Writes the outcomes kept while the store failed, oldest first; stops at the first failure.
    func flushUnwritten() throws {
        while let entry = unwritten.first {
            try environment.ledger.record(entry)
            unwritten.removeFirst()
        }
    }

    /// Every 30 s while outcomes wait to be written: try them again. Only runs in trouble, so an idle
    /// daemon still never wakes.
    private func startStoreProbe() {
        guard storeProbe == nil, !stopping else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + 30, repeating: 30, leeway: .seconds(1))
        source.setEventHandler { [weak self] in self?.probeStore() }
        source.resume()
        storeProbe = source
    }

    private func probeStore() {
        guard !unwritten.isEmpty else { return }
        do {
            try flushUnwritten()
            storeWorks()
        } catch {
            logger.debug("the state store still cannot be written: \(error)")
        }
    }
}

import Foundation
import Logging
import NhacViecCore

extension Daemon {
    /// Re-reads the configuration off the serial context, then swaps it in on the context in one step; a broken
    /// one is rejected and the old one keeps running. Reloads asked for meanwhile run once after.
    public func reload() {
        runtime.async { [self] in
            switch phase {
            case .running: break
            case .reloading(_, let handled):
                transition(to: .reloading(again: true, handled: handled))
                return
            case .starting, .draining, .stopped:
                return
            }
            transition(to: .reloading(again: false, handled: []))
            let monotonic = DispatchTime.now().uptimeNanoseconds / 1000
            environment.notifier.notify([("RELOADING", "1"), ("MONOTONIC_USEC", "\(monotonic)")])
            // Not the scheduler itself: a copy sharing its arrays would make the next send here copy them all
            // (copy on write), tens of milliseconds at national scale.
            let load = environment.loadConfiguration, ledger = environment.ledger, blank = scheduler.blank()
            let environment = environment
            runtime.background { [self] in
                // Parse and plan here, at the lowest priority; only the swap happens on the serial context.
                let result = Result { () throws -> Reloaded in
                    let fresh = try load()
                    var base = blank
                    base.policy = Self.policy(fresh.settings, environment)
                    let prepared = base.prepared(plans: fresh.plans.map(\.plan), calendar: fresh.calendar,
                                                 records: try ledger.records(), now: environment.clock.now())
                    return Reloaded(loaded: Loaded(fresh, environment), scheduler: prepared)
                }
                runtime.async { [self] in finishReload(result) }
            }
        }
    }

    private func finishReload(_ result: Result<Reloaded, any Error>) {
        runtime.assertOnContext()
        guard case .reloading(let again, let handled) = phase else { return }  // a stop came first
        transition(to: .running)
        do {
            let reloaded = try result.get()
            let fresh = reloaded.loaded.configuration
            if fresh.settings.statePath != loaded.configuration.settings.statePath {
                logger.warning("state moved to \(fresh.settings.statePath) in the main file; still using \(loaded.configuration.settings.statePath) until a restart")
            }
            let retired = RetiredState([loaded, scheduler])
            loaded = reloaded.loaded
            handle(scheduler.adopt(reloaded.scheduler, handledSince: handled, now: environment.clock.now(), afterReload: true))
            log(.notice, JournalMessageID.configReloaded, "configuration reloaded: \(fresh.plans.count) plans, \(taskCount) tasks")
            environment.onConfigurationLoaded(fresh)
            runtime.background { [self] in
                retired.drop()
                releaseFreedMemory()
            }
        } catch let error as ConfigurationError {
            log(.error, JournalMessageID.configRejected, "configuration rejected (\(error.diagnostics.count) problems); still running the previous one")
            for diagnostic in error.diagnostics { logger.error("\(diagnostic.description)") }
        } catch {
            log(.error, JournalMessageID.configRejected, "reload failed: \(error); still running the previous configuration")
        }
        arm()
        environment.notifier.notify([("READY", "1"), ("STATUS", statusLine())])
        if again { reload() }
    }

    /// Remembers a send recorded while a reload reads the ledger off the context: the prepared scheduler
    /// would not know it was handled.
    func noteHandledDuringReload(_ send: Send) {
        guard case .reloading(let again, var handled) = phase else { return }
        // Not a change of phase: the list grows in place (the phase's own reference dropped first, or every
        // append of a burst would copy it).
        setPhase(.running)
        handled.append(send)
        setPhase(.reloading(again: again, handled: handled))
    }
}

/// What a reload worked out off the serial context, swapped in on it in one step.
struct Reloaded: Sendable {
    var loaded: Loaded
    var scheduler: Scheduler
}

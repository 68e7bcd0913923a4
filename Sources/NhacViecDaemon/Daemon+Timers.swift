@preconcurrency import Dispatch
import Foundation
import NhacViecCore

extension Daemon {
    func arm() {
        dispatchPrecondition(condition: .onQueue(queue))
        timer?.cancel()
        timer = nil
        // One timer for both state machines: the earlier of the next reminder and the next digest.
        let candidates = [scheduler.nextWakeup, digests.nextWakeup].compactMap { $0 }
        guard !stopping, let next = candidates.min() else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        let delay = environment.clock.realDelay(until: next)
        source.schedule(wallDeadline: .now() + delay, leeway: .milliseconds(5))
        source.setEventHandler { [weak self] in self?.timerFired() }
        source.resume()
        timer = source
    }

    func timerFired() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !stopping else { return }
        // A rehearsal clock may have stood still meanwhile: a timer can fire before its instant.
        handle(scheduler.fire(now: environment.clock.now()))
        handleDigests(digests.fire(now: environment.clock.now()))
        arm()
        publishStatus()
    }

    func installSignalSources() {
        dispatchPrecondition(condition: .onQueue(queue))
        for (signal, action) in [(SIGHUP, reload), (SIGTERM, stop), (SIGINT, stop)] as [(Int32, () -> Void)] {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler(handler: action)
            source.resume()
            signalSources.append(source)
        }
    }

    func startWatchdog() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let interval = environment.notifier.watchdogPingInterval else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        source.setEventHandler { [weak self] in self?.environment.notifier.notify([("WATCHDOG", "1")]) }
        source.resume()
        watchdog = source
    }
}

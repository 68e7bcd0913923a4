import Foundation
import NhacViecCore

extension Daemon {
    /// Arms the one timer for the earliest send of any stream.
    func arm() {
        runtime.assertOnContext()
        timers.wakeup?.cancel()
        timers.wakeup = nil
        guard !phase.isStopping, let next = scheduler.nextWakeup else { return }
        timers.wakeup = runtime.timer(after: environment.clock.realDelay(until: next)) { [weak self] in self?.timerFired() }
    }

    func timerFired() {
        runtime.assertOnContext()
        guard !phase.isStopping else { return }
        // A rehearsal clock may have stood still meanwhile: a timer can fire before its instant.
        handle(scheduler.fire(now: environment.clock.now()))
        arm()
        publishStatus()
    }

    func startWatchdog() {
        runtime.assertOnContext()
        guard let interval = environment.notifier.watchdogPingInterval else { return }
        timers.watchdog = runtime.repeating(every: interval) { [weak self] in self?.environment.notifier.notify([("WATCHDOG", "1")]) }
    }
}

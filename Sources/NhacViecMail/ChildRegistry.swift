#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// The sendmail children running now, so that a stopping daemon can end them rather than leave them behind.
final class ChildRegistry: Sendable {
    private let running = Mutex<Set<pid_t>>([])

    func add(_ pid: pid_t) { running.withLock { _ = $0.insert(pid) } }

    func remove(_ pid: pid_t) { running.withLock { _ = $0.remove(pid) } }

    /// SIGTERM to each child's process group, then SIGKILL to those still there after `grace`:
    /// a child that ignores SIGTERM must not outlive the daemon and deliver a mail never recorded.
    func terminateAll(grace: TimeInterval = 2) {
        for pid in running.withLock({ $0 }) { kill(-pid, SIGTERM) }
        let deadline = ChildProcess.monotonicNow() + grace
        while ChildProcess.monotonicNow() < deadline, !running.withLock({ $0.isEmpty }) { usleep(20_000) }
        for pid in running.withLock({ $0 }) { kill(-pid, SIGKILL) }
    }
}

import Dispatch
import Synchronization

/// Records the exit status a daemon asks for, and lets a test wait for it.
public final class ExitRecorder: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let code = Mutex<Int32?>(nil)

    /// Creates a recorder.
    public init() {}

    /// Called by the daemon's `onExit`.
    public func record(_ status: Int32) {
        code.withLock { $0 = status }
        semaphore.signal()
    }

    /// The status, or nil when none was recorded within `seconds`.
    public func wait(seconds: Double) -> Int32? {
        semaphore.wait(timeout: .now() + seconds) == .success ? code.withLock { $0 } : nil
    }
}

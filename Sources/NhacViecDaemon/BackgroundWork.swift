#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Work that must never delay a reminder: a reload's parsing and planning, and freeing the configuration a
/// reload replaced (millions of objects at national scale).
enum BackgroundWork {
    /// Runs `work` on a thread of its own at the lowest CPU priority (nice 19). On Linux the nice value is a
    /// thread's own and the threads it starts inherit it, so the reload's parsing threads yield the cores to
    /// the scheduler's queue whenever it has a reminder to send. A thread of its own, not a global queue: that
    /// would start libdispatch's once-a-second monitor for good.
    static func run(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            work()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// What a reload replaced, held until a background thread lets it go: the last reference decides which
/// thread frees it, and that must not be the scheduler's.
final class RetiredState: @unchecked Sendable {
    private var values: [Any]

    init(_ values: [Any]) {
        self.values = values
    }

    /// Frees what is held; called once, on a background thread.
    func drop() {
        values = []
    }
}

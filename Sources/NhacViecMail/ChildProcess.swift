#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `posix_spawn` and `waitpid` with a timeout, without Foundation's `Process`, whose children
/// inherit a blocked signal mask when started from a Task.
/// The errno of a failed `posix_spawn`.
struct SpawnError: Error {
    let code: Int32
}

enum ChildProcess {
    enum Status: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
    }

    static func spawn(_ arguments: [String], stdin: Int32, output: Int32) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        return result == 0 ? .success(pid) : .failure(SpawnError(code: result))
    }

    /// Seconds on CLOCK_MONOTONIC: timeouts must not stretch or shrink when the wall clock is set.
    static func monotonicNow() -> TimeInterval {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return TimeInterval(now.tv_sec) + TimeInterval(now.tv_nsec) / 1e9
    }

    /// Waits for the child; past the timeout its process group gets SIGTERM, then SIGKILL. Both
    /// bounds are measured on the monotonic clock: a clock set back during a send must not keep a
    /// hung sendmail alive for as long as the jump, nor a clock set forward kill a healthy one.
    static func wait(_ pid: pid_t, timeout: TimeInterval) -> Status {
        let deadline = monotonicNow() + timeout
        var pause: useconds_t = 200
        while true {
            if let status = reap(pid, options: WNOHANG) { return status }
            if monotonicNow() >= deadline { break }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        kill(-pid, SIGTERM)
        let grace = monotonicNow() + 2
        while monotonicNow() < grace {
            if reap(pid, options: WNOHANG) != nil { return .timedOut }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        _ = reap(pid, options: 0)
        return .timedOut
    }

    private static func reap(_ pid: pid_t, options: Int32) -> Status? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, options)
            if result == pid { break }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            return .exited(127)
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}

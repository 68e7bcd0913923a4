import Foundation

/// Where the daemon runs: its one serial context, the thread its sends block on, its timers, its signals and
/// the low-priority threads of a reload. Production uses Dispatch (`DispatchRuntime`); a test uses a manual
/// runtime that it steps, the way the scheduler's tests step a manual clock, without sleeping.
///
/// Everything the daemon holds is touched on the serial context only; every callback below runs there.
public protocol DaemonRuntime: Sendable {
    /// Runs `work` on the serial context, after what is already queued there.
    func async(_ work: @escaping @Sendable () -> Void)
    /// Stops the process (in debug builds) when the caller is not on the serial context.
    func assertOnContext()
    /// Runs a blocking send off the serial context, one at a time in order; the closure it returns runs back
    /// on the serial context.
    func offload(_ work: @escaping @Sendable () -> @Sendable () -> Void)
    /// Runs `work` off the serial context at the lowest priority (a reload's parsing and planning, freeing a
    /// replaced configuration); it may hand results back with `async`.
    func background(_ work: @escaping @Sendable () -> Void)
    /// Calls `fire` on the serial context once `delay` real seconds have passed on the wall clock (it follows a
    /// clock that is set, as a reminder's instant must).
    func timer(after delay: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer
    /// Calls `fire` on the serial context every `interval` real seconds, until cancelled.
    func repeating(every interval: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer
    /// Calls each handler on the serial context when the process receives its signal. Called once, at start,
    /// before anything could signal the daemon.
    func handleSignals(_ handlers: [Int32: @Sendable () -> Void])
}

/// A timer of a `DaemonRuntime`.
public protocol DaemonTimer: Sendable {
    /// Stops it; a cancelled timer never fires again.
    func cancel()
}

@preconcurrency import Dispatch
import Foundation

/// The production runtime: a serial Dispatch queue, a serial delivery queue, wall-clock Dispatch timers and
/// signal sources, and threads of their own for background work.
///
/// A nonisolated class on purpose: handlers written in a main-actor context would crash when Dispatch calls them
/// on these queues. It never touches a global queue, whose first use would start libdispatch's once-a-second
/// monitor for good and wake an idle daemon.
public final class DispatchRuntime: DaemonRuntime, @unchecked Sendable {
    private let queue = DispatchQueue(label: "nhacviec.scheduler")
    private let deliveryQueue = DispatchQueue(label: "nhacviec.delivery")
    // Kept alive for the process's life; only touched on `queue`.
    private var signalSources: [DispatchSourceSignal] = []

    /// Creates the runtime.
    public init() {}

    public func async(_ work: @escaping @Sendable () -> Void) { queue.async(execute: work) }

    public func assertOnContext() { dispatchPrecondition(condition: .onQueue(queue)) }

    public func offload(_ work: @escaping @Sendable () -> @Sendable () -> Void) {
        deliveryQueue.async { [queue] in queue.async(execute: work()) }
    }

    public func background(_ work: @escaping @Sendable () -> Void) { BackgroundWork.run(work) }

    public func timer(after delay: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer {
        let source = DispatchSource.makeTimerSource(queue: queue)
        // wallDeadline: a CLOCK_REALTIME timerfd, which follows a clock that is set.
        source.schedule(wallDeadline: .now() + max(0, delay), leeway: .milliseconds(5))
        source.setEventHandler(handler: fire)
        source.resume()
        return DispatchTimerHandle(source: source)
    }

    public func repeating(every interval: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer {
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        source.setEventHandler(handler: fire)
        source.resume()
        return DispatchTimerHandle(source: source)
    }

    public func handleSignals(_ handlers: [Int32: @Sendable () -> Void]) {
        assertOnContext()
        // libdispatch reads signals through signalfd: no SIG_IGN needed, and one set after this would lose them.
        for (signal, handler) in handlers {
            let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            signalSources.append(source)
        }
    }
}

/// A Dispatch timer source behind `DaemonTimer`.
struct DispatchTimerHandle: DaemonTimer, @unchecked Sendable {
    let source: any DispatchSourceTimer

    func cancel() { source.cancel() }
}

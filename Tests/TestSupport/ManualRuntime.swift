import Foundation
import NhacViecDaemon
import Synchronization

/// A daemon runtime a test steps by hand: work queued on the serial context runs when the test says, timers fire
/// when the test moves the manual clock past them, and signals arrive when the test sends them. No thread, no
/// sleep: a test drives months of a daemon's life in milliseconds, and decides what is in flight when it stops.
///
/// A send handed to the delivery thread runs at once (sendmail returns); its result comes back to the serial
/// context with the rest of the queue, or stays "in flight" while `holdCompletions` is set.
public final class ManualRuntime: DaemonRuntime, Sendable {
    private final class Timer: DaemonTimer, Sendable {
        let id: Int
        let cancelled = Atomic<Bool>(false)
        init(id: Int) { self.id = id }
        func cancel() { cancelled.store(true, ordering: .sequentiallyConsistent) }
    }

    private struct Entry {
        var timer: Timer
        var deadline: Date
        var interval: TimeInterval?
        var fire: @Sendable () -> Void
    }

    private struct State {
        var serial: [@Sendable () -> Void] = []
        var background: [@Sendable () -> Void] = []
        var held: [@Sendable () -> Void] = []
        var timers: [Entry] = []
        var signals: [Int32: @Sendable () -> Void] = [:]
        var onContext = false
        var nextTimer = 0
        var holdCompletions = false
    }

    private let state = Mutex(State())
    /// The clock the daemon reads; timers fire by it.
    public let clock: ManualClock

    /// Creates a runtime whose timers follow `clock`.
    public init(clock: ManualClock) { self.clock = clock }

    // MARK: - DaemonRuntime

    public func async(_ work: @escaping @Sendable () -> Void) { state.withLock { $0.serial.append(work) } }

    public func assertOnContext() {
        precondition(state.withLock { $0.onContext }, "daemon state touched off its serial context")
    }

    public func offload(_ work: @escaping @Sendable () -> @Sendable () -> Void) {
        let completion = work()
        state.withLock { state in
            if state.holdCompletions { state.held.append(completion) } else { state.serial.append(completion) }
        }
    }

    public func background(_ work: @escaping @Sendable () -> Void) { state.withLock { $0.background.append(work) } }

    public func timer(after delay: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer {
        add(deadline: clock.now().addingTimeInterval(max(0, delay)), interval: nil, fire)
    }

    public func repeating(every interval: TimeInterval, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer {
        add(deadline: clock.now().addingTimeInterval(interval), interval: interval, fire)
    }

    public func handleSignals(_ handlers: [Int32: @Sendable () -> Void]) {
        state.withLock { $0.signals.merge(handlers) { _, new in new } }
    }

    // MARK: - What the test does

    /// While set, a send's result stays on the delivery thread: the send is in flight until `releaseCompletions`.
    public var holdCompletions: Bool {
        get { state.withLock { $0.holdCompletions } }
        set { state.withLock { $0.holdCompletions = newValue } }
    }

    /// Lets the results held back reach the serial context, and runs until idle.
    public func releaseCompletions() {
        state.withLock { state in
            state.serial += state.held
            state.held = []
        }
        runUntilIdle()
    }

    /// Runs the work queued on the serial context until none is left, but no background work: a reload stays
    /// in progress until `runUntilIdle`.
    public func runSerialWork() {
        while let work = state.withLock({ $0.serial.isEmpty ? nil : $0.serial.removeFirst() }) {
            state.withLock { $0.onContext = true }
            work()
            state.withLock { $0.onContext = false }
        }
    }

    /// Runs everything queued (serial work first, then background work) until nothing is left.
    public func runUntilIdle() {
        while let (work, onContext) = nextItem() {
            state.withLock { $0.onContext = onContext }
            work()
            state.withLock { $0.onContext = false }
        }
    }

    /// Delivers a signal, as the kernel would, and runs until idle.
    public func send(_ signal: Int32) {
        guard let handler = state.withLock({ $0.signals[signal] }) else { return }
        async(handler)
        runUntilIdle()
    }

    /// Moves the clock to `target`, stopping at every timer's deadline on the way to fire it, and runs until idle.
    public func advance(to target: Date) {
        runUntilIdle()
        while let entry = nextTimer(atOrBefore: target) {
            clock.set(max(clock.now(), entry.deadline))
            async(entry.fire)
            runUntilIdle()
        }
        clock.set(max(clock.now(), target))
        runUntilIdle()
    }

    /// Moves the clock by `seconds`.
    public func advance(by seconds: TimeInterval) { advance(to: clock.now().addingTimeInterval(seconds)) }

    /// The deadlines of the timers still armed, earliest first.
    public var armed: [Date] {
        state.withLock { $0.timers.filter { !$0.timer.cancelled.load(ordering: .sequentiallyConsistent) }.map(\.deadline).sorted() }
    }

    private func add(deadline: Date, interval: TimeInterval?, _ fire: @escaping @Sendable () -> Void) -> any DaemonTimer {
        state.withLock { state in
            state.nextTimer += 1
            let timer = Timer(id: state.nextTimer)
            state.timers.append(Entry(timer: timer, deadline: deadline, interval: interval, fire: fire))
            return timer
        }
    }

    private func nextItem() -> (@Sendable () -> Void, Bool)? {
        state.withLock { state in
            if !state.serial.isEmpty { return (state.serial.removeFirst(), true) }
            if !state.background.isEmpty { return (state.background.removeFirst(), false) }
            return nil
        }
    }

    /// Takes the earliest live timer due by `target`; a repeating one is armed again for its next beat.
    private func nextTimer(atOrBefore target: Date) -> Entry? {
        state.withLock { state in
            state.timers.removeAll { $0.timer.cancelled.load(ordering: .sequentiallyConsistent) }
            guard let index = state.timers.indices.min(by: { state.timers[$0].deadline < state.timers[$1].deadline }),
                  state.timers[index].deadline <= target else { return nil }
            let entry = state.timers[index]
            if let interval = entry.interval {
                state.timers[index].deadline = entry.deadline.addingTimeInterval(interval)
            } else {
                state.timers.remove(at: index)
            }
            return entry
        }
    }
}

import Dispatch
import Foundation
import Synchronization

/// Maps over an array on every core: a large configuration is thousands of independent plans.
///
/// It runs on threads of its own rather than Dispatch's global queues: on Linux the first use of a
/// global queue starts libdispatch's worker-pool monitor, a timer that then wakes the process every
/// second for good, and the daemon must not wake at all while nothing is due.
public enum ParallelMap {
    /// The transformed inputs, in input order, computed concurrently.
    public static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @escaping @Sendable (Input) -> Output) -> [Output] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, inputs.count)
        guard workers > 1 else { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = results.claim() { results.set(index, transform(inputs[index])) }
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<workers { finished.wait() }
        return results.values
    }
}

/// One slot per input, each written once by one worker, and the next input to claim.
private final class ResultSlots<Output: Sendable>: Sendable {
    private struct State {
        var slots: [Output?]
        var next = 0
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(slots: Array(repeating: nil, count: count)))
    }

    func claim() -> Int? {
        state.withLock { state in
            guard state.next < state.slots.count else { return nil }
            state.next += 1
            return state.next - 1
        }
    }

    func set(_ index: Int, _ value: Output) {
        state.withLock { $0.slots[index] = value }
    }

    var values: [Output] { state.withLock { $0.slots.map { $0! } } }
}

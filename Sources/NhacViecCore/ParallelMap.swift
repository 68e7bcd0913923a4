import Dispatch
import Foundation

/// Maps over an array on every core: a large configuration is thousands of independent plans.
public enum ParallelMap {
    /// The transformed inputs, in input order, computed concurrently.
    public static func map<Input: Sendable, Output>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        let results = ResultSlots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            results.set(index, transform(inputs[index]))
        }
        return results.values
    }
}

/// One slot per input, each written once by one worker.
private final class ResultSlots<Output>: @unchecked Sendable {
    private var slots: [Output?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Output) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Output] { slots.map { $0! } }
}

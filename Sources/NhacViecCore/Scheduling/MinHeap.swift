/// A binary min-heap; the scheduler's priority queue of next instants.
public struct MinHeap<Element: Comparable>: Sendable where Element: Sendable {
    private var storage: [Element] = []

    /// Creates an empty heap.
    public init() {}

    /// A heap of these elements in any order, built in linear time (Floyd's method): a start queues
    /// millions of wake-ups at once.
    public init(unordered elements: [Element]) {
        storage = elements
        var parent = storage.count / 2 - 1
        while parent >= 0 {
            siftDown(from: parent)
            parent -= 1
        }
    }

    /// The number of elements.
    public var count: Int { storage.count }

    /// The smallest element.
    public var min: Element? { storage.first }

    /// Adds an element.
    public mutating func insert(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the smallest element.
    public mutating func popMin() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let smallest = storage.removeLast()
        siftDown(from: 0)
        return smallest
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var candidate = parent
            if left < storage.count && storage[left] < storage[candidate] { candidate = left }
            if right < storage.count && storage[right] < storage[candidate] { candidate = right }
            if candidate == parent { return }
            storage.swapAt(parent, candidate)
            parent = candidate
        }
    }

    public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }
}

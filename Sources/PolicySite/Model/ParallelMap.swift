import Dispatch

/// A fixed buffer that several threads fill, each index exactly once.
private final class ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T?>
    let count: Int
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

extension Array where Element: Sendable {
    /// `map` over all cores. The result is in input order, so output never depends on which
    /// thread finished first.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let slots = ResultSlots<T>(count: count)
        let input = self
        DispatchQueue.concurrentPerform(iterations: input.count) { index in
            slots.base[index] = transform(input[index])
        }
        return (0..<count).map { slots.base[$0]! }
    }
}

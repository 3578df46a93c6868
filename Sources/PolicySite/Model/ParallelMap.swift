import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// `map` over all cores. The result is in input order, so output never depends on which
    /// thread finished first.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        // One slot per element, each filled once; the lock is held only to store a result,
        // never while `transform` runs.
        let slots = Mutex([T?](repeating: nil, count: count))
        let input = self
        DispatchQueue.concurrentPerform(iterations: input.count) { index in
            let result = transform(input[index])
            slots.withLock { $0[index] = result }
        }
        return slots.withLock { $0.map { $0! } }
    }
}

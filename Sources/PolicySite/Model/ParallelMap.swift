import Dispatch

extension Array where Element: Sendable {
    /// `map` over all cores. The result is in input order, so output never depends on which
    /// thread finished first.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let input = self
        // Each iteration initializes its own slot of the result's storage: no lock, and no
        // second pass that copies every result out of a list of optionals and frees the list.
        // That pass ran on one core after the others had finished, and at 100,000 guidance
        // pages (a digest of strings and arrays each) it was a serial step of its own.
        return [T](unsafeUninitializedCapacity: input.count) { buffer, initializedCount in
            let slots = ResultSlots(base: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: input.count) { index in
                (slots.base! + index).initialize(to: transform(input[index]))
            }
            initializedCount = input.count
        }
    }
}

/// The start of `parallelMap`'s result storage, handed to its iterations. Each index is
/// initialized by exactly one iteration, and read only after `concurrentPerform` returns.
private struct ResultSlots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>?
}

import Dispatch
import Synchronization

/// Work started on another thread now and waited for later: a serial step of the build that
/// does not need the steps between (hashing the inputs for the record) runs while they run,
/// on the core they leave idle.
final class BackgroundWork<Value: Sendable>: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let result = Mutex<Value?>(nil)

    /// Starts `work` on a global queue.
    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }
    }

    /// The work's result, once it has finished (waits until then).
    func value() -> Value {
        if let value = result.withLock({ $0 }) { return value }
        finished.wait()
        // Signalled again for any later caller.
        finished.signal()
        return result.withLock { $0! }
    }
}

/// Drops `value` on another thread: when the caller held the last references, freeing a large
/// graph of values (every page's digest, the whole model) is done there, beside the caller's
/// next steps, instead of before them. Only the time of the freeing changes.
func releaseElsewhere<Value: Sendable>(_ value: Value) {
    DispatchQueue.global().async { [value] in withExtendedLifetime(value) {} }
}

/// A value that one other thread takes away, so that what the value alone holds is freed on
/// that thread, when it lets go of it, and not where the value was made.
final class Parcel<Value: Sendable>: Sendable {
    private let value: Mutex<Value?>

    init(_ value: Value) { self.value = Mutex(value) }

    /// The value, the first time; nil after.
    func take() -> Value? {
        value.withLock { value in
            defer { value = nil }
            return value
        }
    }
}

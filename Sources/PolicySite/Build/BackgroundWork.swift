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

/// One value handed from one thread to another that waits for it: `put` once, `take` as often
/// as needed (each waits until the value is there).
final class Handoff<Value: Sendable>: Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let value = Mutex<Result<Value, any Error>?>(nil)

    /// Gives the value (or the error that stands for it) to every `take`.
    func put(_ result: Result<Value, any Error>) {
        value.withLock { $0 = result }
        ready.signal()
    }

    /// The value once it is given; throws the error given instead.
    func take() throws -> Value {
        if let result = value.withLock({ $0 }) { return try result.get() }
        ready.wait()
        // Signalled again for any later caller.
        ready.signal()
        return try value.withLock { $0! }.get()
    }
}

/// A value that one other thread takes away, so that the sender's copy is again the only one
/// once the taker is done with it (and can be changed in place, with no copy).
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

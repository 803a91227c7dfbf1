import Dispatch

/// The driver's scheduler: units run on all cores, results kept in input order.
public struct ConcurrentScheduler: UnitScheduler {
    public init() {}

    public func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(transform) }
        let results = UnsafeMutableBufferPointer<Output?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        defer {
            // The results were copied out by `map`; release the buffer's own references too.
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let storage = results
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            storage[index] = transform(inputs[index])
        }
        return results.map { $0! }
    }

    /// Runs two independent pieces of work at once and returns both results.
    func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let results = map([0, 1]) { index -> Either<A, B> in index == 0 ? .first(a()) : .second(b()) }
        guard case .first(let first) = results[0], case .second(let second) = results[1] else { fatalError("results out of order") }
        return (first, second)
    }
}

/// One of two results of `both`.
private enum Either<A: Sendable, B: Sendable>: Sendable {
    case first(A)
    case second(B)
}

extension UnitScheduler where Self == ConcurrentScheduler {
    public static var concurrent: ConcurrentScheduler { ConcurrentScheduler() }
}

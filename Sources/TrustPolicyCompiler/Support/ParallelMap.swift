import Dispatch

extension Array {
    /// Consecutive slices of at most `size` elements, in order.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// Maps independent work (one file each) over all cores, keeping the input order so results
/// stay deterministic.
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
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
}

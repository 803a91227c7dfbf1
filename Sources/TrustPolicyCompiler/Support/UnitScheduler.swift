/// How a stage runs its independent units of work (one environment, one cluster, one rule):
/// one after another, or on all cores. Stages never start threads: the driver hands them its
/// concurrent scheduler, and tests and the fuzzer use `SequentialScheduler`. Results always come
/// back in input order, so output never depends on scheduling.
public protocol UnitScheduler: Sendable {
    func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output]
}

/// Runs every unit on the calling thread, in order.
public struct SequentialScheduler: UnitScheduler {
    public init() {}

    public func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], _ transform: @Sendable (Input) -> Output) -> [Output] {
        inputs.map(transform)
    }
}

extension UnitScheduler where Self == SequentialScheduler {
    public static var sequential: SequentialScheduler { SequentialScheduler() }
}

extension Array {
    /// Consecutive slices of at most `size` elements, in order.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

import ContinuumNumerics

/// Epochs of shuffled minibatches over `count` samples, reproducible from a seed.
///
/// Each epoch is a fresh Fisher–Yates permutation drawn from the sampler's ``RandomStream``;
/// minibatches are consecutive slices of it (the last one may be shorter unless
/// ``dropsLastPartialBatch``). Iterating allocates nothing after creation.
///
/// ```swift
/// var sampler = MinibatchSampler(count: 1000, batchSize: 20, seed: 7)
/// for _ in 0..<epochs {
///     sampler.shuffle()
///     for batch in 0..<sampler.batchCount {
///         for index in sampler.batch(batch) { /* gather sample `index` */ }
///     }
/// }
/// ```
public struct MinibatchSampler: Sendable {
    /// Number of samples.
    public let count: Int
    /// Samples per minibatch.
    public let batchSize: Int
    /// Whether a final batch smaller than ``batchSize`` is skipped.
    public let dropsLastPartialBatch: Bool
    /// The current epoch's permutation of `0 ..< count`.
    public private(set) var order: [Int]
    /// Number of ``shuffle()`` calls so far.
    public private(set) var epoch = 0
    private var stream: RandomStream

    public init(count: Int, batchSize: Int, seed: UInt64, dropsLastPartialBatch: Bool = false) throws(NeuralError) {
        guard count > 0 else {
            throw .invalidHyperparameter(name: "count", value: Double(count), reason: "must be positive")
        }
        guard batchSize > 0 else {
            throw .invalidHyperparameter(name: "batchSize", value: Double(batchSize), reason: "must be positive")
        }
        self.count = count
        self.batchSize = batchSize
        self.dropsLastPartialBatch = dropsLastPartialBatch
        order = Array(0..<count)
        stream = RandomStream(seed: seed)
    }

    /// Number of minibatches per epoch.
    public var batchCount: Int { dropsLastPartialBatch ? count / batchSize : (count + batchSize - 1) / batchSize }

    /// Starts a new epoch: a new uniformly random permutation (Fisher–Yates).
    public mutating func shuffle() {
        epoch += 1
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Swift.min(Int(stream.nextUniform() * Double(i + 1)), i)
            order.swapAt(i, j)
        }
    }

    /// The sample indices of minibatch `index` of the current epoch.
    public func batch(_ index: Int) -> ArraySlice<Int> {
        let start = index * batchSize
        return order[start..<Swift.min(start + batchSize, count)]
    }
}

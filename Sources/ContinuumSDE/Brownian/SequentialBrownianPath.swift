import ContinuumNumerics

/// Brownian increments drawn in order from a counter-based stream: `ΔW = √|h| z` with fresh
/// standard normals `z` at every call, and `H = √(|h|/12) z′` when areas are asked for.
///
/// Nothing is remembered, so asking twice for the same interval gives two *different* increments:
/// use it for forward fixed-step runs only (the fastest path), and a ``VirtualBrownianTree`` when
/// steps may be rejected or the path must be revisited. The draws depend only on the key and on
/// the order of the calls, never on threads.
public struct SequentialBrownianPath: BrownianPath, Sendable {
    public let dimension: Int
    @usableFromInline let key: RandomKey
    /// The next counter to draw a block from.
    @usableFromInline var counter: UInt64 = 0
    /// Normals drawn ahead in batches of ``batchSize`` (independent blocks, so the processor
    /// overlaps their generation); `next` indexes the first unused one.
    @usableFromInline var buffer: [Double]
    @usableFromInline var next: Int
    /// `√|h|` of the last step size, reused while the step size does not change.
    @usableFromInline var lastWidth = Double.nan, lastRoot = Double.nan

    @usableFromInline static let batchSize = 64

    /// A path of `dimension` components drawing from `key`'s stream.
    public init(key: RandomKey, dimension: Int) {
        self.key = key
        self.dimension = dimension
        buffer = [Double](repeating: 0, count: Self.batchSize)
        next = Self.batchSize
    }

    public var isQueryableInAnyOrder: Bool { false }
    public var providesSpaceTimeArea: Bool { true }
    public func covers(_ t0: Double, _ t1: Double) -> Bool { true }

    @inlinable
    mutating func nextNormal() -> Double {
        if next == Self.batchSize { refill() }
        let z = buffer.withUnsafeBufferPointer { $0[next] }
        next += 1
        return z
    }

    @usableFromInline
    mutating func refill() {
        let key = self.key, start = counter
        buffer.withUnsafeMutableBufferPointer { out in
            for pair in 0..<(Self.batchSize / 2) {
                let (z0, z1) = GaussianSampler.normalPair(key: key, counter: start &+ UInt64(pair))
                out[2 * pair] = z0
                out[2 * pair + 1] = z1
            }
        }
        counter &+= UInt64(Self.batchSize / 2)
        next = 0
    }

    /// `±√|t − s|`, the sign of `t − s`.
    @inlinable
    mutating func signedRoot(_ s: Double, _ t: Double) -> Double {
        let width = t - s
        if width != lastWidth {
            lastWidth = width
            lastRoot = abs(width).squareRoot() * (width >= 0 ? 1 : -1)
        }
        return lastRoot
    }

    @inlinable
    public mutating func increment(from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>) {
        let scale = signedRoot(s, t)
        for j in 0..<dimension { dw[j] = scale * nextNormal() }
    }

    @inlinable
    public mutating func increment(
        from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>,
        area: UnsafeMutableBufferPointer<Double>
    ) {
        let scale = signedRoot(s, t)
        for j in 0..<dimension {
            dw[j] = scale * nextNormal()
            area[j] = scale * (1.0 / 12).squareRoot() * nextNormal()
        }
    }
}

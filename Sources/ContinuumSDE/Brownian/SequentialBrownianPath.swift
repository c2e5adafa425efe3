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
    @usableFromInline var counter: UInt64 = 0
    @usableFromInline var spare: Double?

    /// A path of `dimension` components drawing from `key`'s stream.
    public init(key: RandomKey, dimension: Int) {
        self.key = key
        self.dimension = dimension
    }

    public var isQueryableInAnyOrder: Bool { false }
    public var providesSpaceTimeArea: Bool { true }
    public func covers(_ t0: Double, _ t1: Double) -> Bool { true }

    @inlinable
    mutating func nextNormal() -> Double {
        if let z = spare {
            spare = nil
            return z
        }
        let (z0, z1) = GaussianSampler.normalPair(key: key, counter: counter)
        counter &+= 1
        spare = z1
        return z0
    }

    @inlinable
    public mutating func increment(from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>) {
        let scale = abs(t - s).squareRoot() * (t >= s ? 1 : -1)
        for j in 0..<dimension { dw[j] = scale * nextNormal() }
    }

    @inlinable
    public mutating func increment(
        from s: Double, to t: Double, into dw: UnsafeMutableBufferPointer<Double>,
        area: UnsafeMutableBufferPointer<Double>
    ) {
        let root = abs(t - s).squareRoot()
        let sign: Double = t >= s ? 1 : -1
        for j in 0..<dimension {
            dw[j] = sign * root * nextNormal()
            area[j] = sign * root * (1.0 / 12).squareRoot() * nextNormal()
        }
    }
}

import Foundation

/// A key for counter-based random numbers: the seed of an independent stream.
///
/// Keys split deterministically (``split(_:)``), so work divided over threads or paths draws from
/// streams that depend only on the seed and the index, never on scheduling.
///
/// ```swift
/// let key = RandomKey(seed: 42)
/// let pathKey = key.split(7)              // the stream of path 7
/// let (z0, z1) = pathKey.normalPair(at: 0) // two N(0, 1) draws, the same on every machine
/// ```
public struct RandomKey: Sendable, Hashable {
    /// The 64 key bits given to Philox.
    public let bits: SIMD2<UInt32>

    /// The key of `seed`.
    public init(seed: UInt64) {
        bits = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    }

    init(bits: SIMD2<UInt32>) { self.bits = bits }

    /// An independent child key numbered `index` (children of one key differ from each other and
    /// from the parent's own stream, which uses counters whose top word is zero).
    public func split(_ index: UInt64) -> RandomKey {
        let counter = SIMD4<UInt32>(
            UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32), 0x5EED_5EED, 0xC0FF_EE00)
        let block = Philox.block(counter: counter, key: bits)
        return RandomKey(bits: SIMD2(block[0], block[1]))
    }

    /// The 128 random bits at counter `index` of this key's stream.
    @inlinable
    public func block(at index: UInt64) -> SIMD4<UInt32> {
        Philox.block(
            counter: SIMD4(UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32), 0, 0), key: bits)
    }

    /// Two uniform numbers in the open interval (0, 1) with 53 random bits each, from counter `index`.
    @inlinable
    public func uniformPair(at index: UInt64) -> (Double, Double) {
        let b = block(at: index)
        return (Self.openUnit(b[0], b[1]), Self.openUnit(b[2], b[3]))
    }

    /// Two independent standard normal numbers from counter `index` (Box-Muller on ``uniformPair(at:)``).
    @inlinable
    public func normalPair(at index: UInt64) -> (Double, Double) {
        let (u0, u1) = uniformPair(at: index)
        let radius = (-2 * log(u0)).squareRoot()
        let angle = 2 * Double.pi * u1
        return (radius * cos(angle), radius * sin(angle))
    }

    /// Maps 64 random bits to a double in (0, 1): the top 53 bits, offset by half a unit so neither
    /// end is reachable (Box-Muller takes the logarithm of it).
    @inlinable
    static func openUnit(_ low: UInt32, _ high: UInt32) -> Double {
        let bits = (UInt64(high) << 32 | UInt64(low)) >> 11
        return (Double(bits) + 0.5) * 0x1p-53
    }
}

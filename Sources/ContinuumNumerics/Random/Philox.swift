/// The Philox-4×32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy as
/// 1, 2, 3", SC 2011): a keyed bijection of 128-bit counters, so the `i`-th random block is a pure
/// function of `(key, i)`. Streams are reproducible on every machine and in any evaluation order.
public enum Philox {
    @usableFromInline static let multiplier0: UInt32 = 0xD251_1F53
    @usableFromInline static let multiplier1: UInt32 = 0xCD9E_8D57
    @usableFromInline static let weyl0: UInt32 = 0x9E37_79B9
    @usableFromInline static let weyl1: UInt32 = 0xBB67_AE85

    /// The 128 random bits for `counter` under `key` (ten rounds, the standard strength).
    @inlinable
    public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
        var x = counter
        var k = key
        for _ in 0..<10 {
            let product0 = UInt64(multiplier0) &* UInt64(x[0])
            let product1 = UInt64(multiplier1) &* UInt64(x[2])
            x = SIMD4(
                UInt32(truncatingIfNeeded: product1 >> 32) ^ x[1] ^ k[0],
                UInt32(truncatingIfNeeded: product1),
                UInt32(truncatingIfNeeded: product0 >> 32) ^ x[3] ^ k[1],
                UInt32(truncatingIfNeeded: product0))
            k &+= SIMD2(weyl0, weyl1)
        }
        return x
    }
}

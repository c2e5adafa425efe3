import ContinuumNumerics

/// Philox-4×32-10 on four scalar words: the same function as `Philox.block(counter:key:)` (a test
/// checks it bit for bit), written without SIMD vector shuffles so that the compiler keeps the
/// state in registers and the processor can overlap consecutive blocks. The Brownian paths draw
/// millions of blocks per second; this is their inner loop.
public enum PhiloxKernel {
    /// The block for counter words `(c0, c1, c2, c3)` under `key`.
    @inlinable @inline(__always)
    public static func block(
        _ c0: UInt32, _ c1: UInt32, _ c2: UInt32, _ c3: UInt32, key: RandomKey
    ) -> (UInt32, UInt32, UInt32, UInt32) {
        // Ten rounds written out with scalar state: as a loop, the compiler packs the four words
        // into a vector register every round, which costs several times the arithmetic.
        var x0 = c0, x1 = c1, x2 = c2, x3 = c3
        let k0 = key.bits[0], k1 = key.bits[1]
        round(&x0, &x1, &x2, &x3, k0, k1)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x9E37_79B9, k1 &+ 0xBB67_AE85)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x3C6E_F372, k1 &+ 0x76CF_5D0A)
        round(&x0, &x1, &x2, &x3, k0 &+ 0xDAA6_6D2B, k1 &+ 0x3237_0B8F)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x78DD_E6E4, k1 &+ 0xED9E_BA14)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x1715_609D, k1 &+ 0xA906_6899)
        round(&x0, &x1, &x2, &x3, k0 &+ 0xB54C_DA56, k1 &+ 0x646E_171E)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x5384_540F, k1 &+ 0x1FD5_C5A3)
        round(&x0, &x1, &x2, &x3, k0 &+ 0xF1BB_CDC8, k1 &+ 0xDB3D_7428)
        round(&x0, &x1, &x2, &x3, k0 &+ 0x8FF3_4781, k1 &+ 0x96A5_22AD)
        return (x0, x1, x2, x3)
    }

    /// One Philox round with round key `(k0, k1)`.
    @inlinable @inline(__always)
    static func round(
        _ x0: inout UInt32, _ x1: inout UInt32, _ x2: inout UInt32, _ x3: inout UInt32, _ k0: UInt32, _ k1: UInt32
    ) {
        let p0 = UInt64(0xD251_1F53) &* UInt64(x0)
        let p1 = UInt64(0xCD9E_8D57) &* UInt64(x2)
        x0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ x1 ^ k0
        x2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ x3 ^ k1
        x1 = UInt32(truncatingIfNeeded: p1)
        x3 = UInt32(truncatingIfNeeded: p0)
    }

    /// The block at `index` of `key`'s stream (counter words `(index.lo, index.hi, 0, 0)`), as two
    /// 64-bit halves: what `RandomKey.block(at:)` returns, packed.
    @inlinable @inline(__always)
    public static func halves(key: RandomKey, index: UInt64) -> (UInt64, UInt64) {
        let (a, b, c, d) = block(UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32), 0, 0, key: key)
        return (UInt64(b) << 32 | UInt64(a), UInt64(d) << 32 | UInt64(c))
    }
}

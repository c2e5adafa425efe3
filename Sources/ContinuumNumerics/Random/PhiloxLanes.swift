/// Philox-4×32-10 on four independent (key, counter) lanes at once, each 32-bit word held in the
/// low half of a 64-bit vector lane.
///
/// The round's `32 × 32 → 64`-bit products are then plain 64-bit lane multiplications of values
/// known to fit in 32 bits, which baseline x86-64 (SSE2 `pmuludq`) and ARM NEON do two lanes per
/// instruction without shuffles; the high word is a shift and the low word a mask. Lane `i` of the
/// result is bit for bit ``Philox/block(counter:key:)`` of lane `i`'s counter and key, so batching
/// never changes a stream (a test checks it).
public enum PhiloxLanes {
    /// The vector of four 32-bit words (one per lane), zero-extended to 64 bits.
    public typealias Words = SIMD4<UInt64>

    /// The low 32 bits of each lane (a computed constant: a stored one would be a lazy global).
    @inlinable static var low: Words { Words(repeating: 0xFFFF_FFFF) }

    /// The blocks of counters `(c0, c1, c2, c3)` under keys `(k0, k1)`, lane by lane (every input
    /// word below 2³²); returns the four output words, each below 2³².
    @inlinable @inline(__always)
    public static func blocks(
        _ c0: Words, _ c1: Words, _ c2: Words, _ c3: Words, key k0: Words, _ k1: Words
    ) -> (Words, Words, Words, Words) {
        // Masking the inputs lets the compiler see that every word fits in 32 bits, so that each
        // product is one widening 32-bit multiplication rather than a full 64-bit one.
        var x0 = c0 & low, x1 = c1 & low, x2 = c2 & low, x3 = c3 & low
        let k0 = k0 & low, k1 = k1 & low
        round(&x0, &x1, &x2, &x3, k0, k1)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x9E37_79B9) & low, (k1 &+ 0xBB67_AE85) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x3C6E_F372) & low, (k1 &+ 0x76CF_5D0A) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0xDAA6_6D2B) & low, (k1 &+ 0x3237_0B8F) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x78DD_E6E4) & low, (k1 &+ 0xED9E_BA14) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x1715_609D) & low, (k1 &+ 0xA906_6899) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0xB54C_DA56) & low, (k1 &+ 0x646E_171E) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x5384_540F) & low, (k1 &+ 0x1FD5_C5A3) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0xF1BB_CDC8) & low, (k1 &+ 0xDB3D_7428) & low)
        round(&x0, &x1, &x2, &x3, (k0 &+ 0x8FF3_4781) & low, (k1 &+ 0x96A5_22AD) & low)
        return (x0, x1, x2, x3)
    }

    /// The two 64-bit halves `(w1 · 2³² + w0, w3 · 2³² + w2)` of the blocks at 64-bit stream
    /// `counter` (words `(counter mod 2³², counter / 2³², 0, 0)`) under four keys: what
    /// `RandomKey.block(at:)` gives, lane by lane, packed as `GaussianSampler`-style halves.
    @inlinable @inline(__always)
    public static func halves(counter: UInt64, key k0: Words, _ k1: Words) -> (Words, Words) {
        let zero = Words(repeating: 0)
        let (x0, x1, x2, x3) = blocks(
            Words(repeating: counter & 0xFFFF_FFFF), Words(repeating: counter >> 32), zero, zero, key: k0, k1)
        return (x1 &<< 32 | x0, x3 &<< 32 | x2)
    }

    /// One round: `(x0, x1, x2, x3) ← (hi(M₁x₂) ⊕ x₁ ⊕ k₀, lo(M₁x₂), hi(M₀x₀) ⊕ x₃ ⊕ k₁, lo(M₀x₀))`.
    @inlinable @inline(__always)
    static func round(_ x0: inout Words, _ x1: inout Words, _ x2: inout Words, _ x3: inout Words, _ k0: Words, _ k1: Words) {
        let p0 = x0 &* Words(repeating: 0xD251_1F53)
        let p1 = x2 &* Words(repeating: 0xCD9E_8D57)
        x0 = (p1 &>> 32) ^ x1 ^ k0
        x2 = (p0 &>> 32) ^ x3 ^ k1
        x1 = p1 & low
        x3 = p0 & low
    }
}

extension RandomKey {
    /// The key's two 32-bit words as lane values for ``PhiloxLanes``.
    @inlinable
    public var laneWords: (UInt64, UInt64) { (UInt64(bits[0]), UInt64(bits[1])) }
}

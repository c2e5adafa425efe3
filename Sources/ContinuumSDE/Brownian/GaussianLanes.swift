import ContinuumNumerics

/// Four keys side by side, as the lane words of ``PhiloxLanes`` and as keys (for the ziggurat's
/// rare retries).
@usableFromInline
struct KeyLanes {
    @usableFromInline let words0: PhiloxLanes.Words, words1: PhiloxLanes.Words
    @usableFromInline let keys: UnsafePointer<RandomKey>

    /// The keys `keys[0 ..< 4]` (which must stay valid while the lanes are used).
    @inlinable @inline(__always)
    init(_ keys: UnsafePointer<RandomKey>) {
        self.keys = keys
        let (a, b, c, d) = (keys[0].laneWords, keys[1].laneWords, keys[2].laneWords, keys[3].laneWords)
        words0 = PhiloxLanes.Words(a.0, b.0, c.0, d.0)
        words1 = PhiloxLanes.Words(a.1, b.1, c.1, d.1)
    }
}

extension GaussianSampler {
    /// ``normalPair(key:counter:)`` for four keys at one counter (`table` is ``table``, read once
    /// by the caller), bit for bit: the Philox blocks
    /// and the ziggurat's fast path (layer test and scaling) run on all four lanes at once; the
    /// lanes that fall outside the layer's rectangle (about 1.2 %) take the scalar wedge and tail.
    @inlinable @inline(__always)
    static func normalPairs(counter: UInt64, lanes: KeyLanes, table: UnsafePointer<Double>) -> (SIMD4<Double>, SIMD4<Double>) {
        let (a, b) = PhiloxLanes.halves(counter: counter, key: lanes.words0, lanes.words1)
        return (normals(bits: a, counter: counter, lanes: lanes, lane: 0, table: table),
                normals(bits: b, counter: counter, lanes: lanes, lane: 1, table: table))
    }

    /// The first normal of ``normalPair(key:counter:)`` for four keys, each at its own counter.
    @inlinable @inline(__always)
    static func firstNormals(counters: PhiloxLanes.Words, lanes: KeyLanes, table: UnsafePointer<Double>) -> SIMD4<Double> {
        let zero = PhiloxLanes.Words(repeating: 0)
        let (x0, x1, _, _) = PhiloxLanes.blocks(
            counters & PhiloxLanes.Words(repeating: 0xFFFF_FFFF), counters &>> 32, zero, zero,
            key: lanes.words0, lanes.words1)
        let bits = x1 &<< 32 | x0
        var z = fastNormals(bits, table: table)
        if !all(z.accepted) {
            for i in 0..<4 where !z.accepted[i] {
                z.values[i] = slowPath(u: z.uniforms[i], layer: Int(bits[i] & 0x7F), key: lanes.keys[i],
                                       counter: counters[i], lane: 0)
            }
        }
        return z.values
    }

    @inlinable @inline(__always)
    static func normals(
        bits: SIMD4<UInt64>, counter: UInt64, lanes: KeyLanes, lane: UInt32, table: UnsafePointer<Double>
    ) -> SIMD4<Double> {
        var z = fastNormals(bits, table: table)
        if !all(z.accepted) {
            for i in 0..<4 where !z.accepted[i] {
                z.values[i] = slowPath(u: z.uniforms[i], layer: Int(bits[i] & 0x7F), key: lanes.keys[i],
                                       counter: counter, lane: lane)
            }
        }
        return z.values
    }

    /// The ziggurat's first try on four 64-bit words: the uniform `u ∈ (−1, 1)` from the top 53
    /// bits (converted exactly through the `2⁵²` and `2⁸⁴` exponent tricks, since baseline SSE2 has
    /// no vector integer-to-double conversion), `u · xᵢ` for the layer `i` of the low 7 bits, and
    /// whether `|u| < xᵢ₊₁/xᵢ` accepted it. Same arithmetic as the scalar ``normal(bits:key:counter:lane:)``.
    @inlinable @inline(__always)
    static func fastNormals(
        _ bits: SIMD4<UInt64>, table: UnsafePointer<Double>
    ) -> (values: SIMD4<Double>, uniforms: SIMD4<Double>, accepted: SIMDMask<SIMD4<Int64>>) {
        let m = bits &>> 11
        let low = unsafeBitCast(m & 0xFFFF_FFFF | 0x4330_0000_0000_0000, to: SIMD4<Double>.self) - 0x1p52
        let high = unsafeBitCast(m &>> 32 | 0x4530_0000_0000_0000, to: SIMD4<Double>.self) - 0x1p84
        let u = 2 * ((high + low + 0.5) * 0x1p-53) - 1
        let l0 = Int(truncatingIfNeeded: bits[0] & 0x7F), l1 = Int(truncatingIfNeeded: bits[1] & 0x7F)
        let l2 = Int(truncatingIfNeeded: bits[2] & 0x7F), l3 = Int(truncatingIfNeeded: bits[3] & 0x7F)
        let x = SIMD4(table[2 * l0], table[2 * l1], table[2 * l2], table[2 * l3])
        let ratio = SIMD4(table[2 * l0 + 1], table[2 * l1 + 1], table[2 * l2 + 1], table[2 * l3 + 1])
        let magnitude = unsafeBitCast(unsafeBitCast(u, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
        return (u * x, u, magnitude .< ratio)
    }
}

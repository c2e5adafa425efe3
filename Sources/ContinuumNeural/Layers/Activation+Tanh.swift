extension Activation {
    /// `tanh x` without a library call, two lanes at a time, so layers can run it on whole buffers.
    ///
    /// With `a = min(|x|, 20)` (beyond 20, `tanh` rounds to ±1), `y = −2a = k ln 2 + r`,
    /// `|r| ≤ ln 2 / 2`, and `t = 2ᵏ`: `e^y = t e^r`, and `e^r` is the [6/6] Padé approximant
    /// `P(r)/P(−r)` (relative error below `2·10⁻¹⁹` on the interval). Splitting `P(±r) = E ± O`
    /// into its even and odd parts,
    ///
    ///     tanh a = (1 − e^y) / (1 + e^y) = (E(1 − t) − O(1 + t)) / (E(1 + t) − O(1 − t)),
    ///
    /// where `1 ± t` are exact and, for `k = 0`, the numerator is `−2O` with no cancellation: one
    /// division and no branch (``reduce(_:)``, ``tanh(reduced:scale:sign:)``). `k` is found by the
    /// round-to-nearest shifter `1.5 · 2⁵²`, so there is no conversion that could trap; NaN
    /// propagates. Measured against `tanhl`: at most 3.6 ulp over `10⁻¹² ≤ |x| ≤ 20`.
    @inlinable
    public static func fastTanh(_ x: Double) -> Double {
        let lanes = SIMD2(repeating: x)
        let (r, t) = reduce(lanes)
        return tanh(reduced: r, scale: t, sign: lanes)[0]
    }

    /// The argument reduction of `y = −2 min(|x|, 20) = k ln 2 + r`: `r` and `t = 2ᵏ`.
    @inlinable @inline(__always)
    static func reduce(_ x: SIMD2<Double>) -> (r: SIMD2<Double>, t: SIMD2<Double>) {
        let magnitude = bits(bits(x) & SIMD2(repeating: 0x7fff_ffff_ffff_ffff))
        // Not `pointwiseMin`, which would turn NaN into 20 (this form compiles to one `minpd`).
        let a = magnitude.replacing(with: 20, where: magnitude .> 20)
        let shifter = SIMD2<Double>(repeating: 0x1.8p52)
        let shifted = a * SIMD2(repeating: -2.8853900817779268) + shifter
        let k = shifted - shifter
        // The low bits of `shifted` hold k; 1023 − (bits of the shifter) rebias them as an exponent.
        let exponent = bits(shifted) &+ SIMD2(repeating: 1023 &- 0x4338_0000_0000_0000)
        let t = bits(exponent &<< 52)
        // ln 2 split in a high part exact in 32 bits and a low part, so k · ln2High is exact;
        // k ln2High − 2a equals −(2a − k ln2High) bit for bit, and saves a negation.
        let high: SIMD2<Double> = k * SIMD2(repeating: -0.6931471803691238) - (a + a)
        return (high - k * SIMD2(repeating: 1.9082149292705877e-10), t)
    }

    /// `tanh x` from the reduced argument `r` and scale `t` of `x` (``reduce(_:)``), with the
    /// sign of `sign`. `E` and `O` are taken doubled (the ratio is unchanged), so that
    /// `2O = r + r³(1/33 + r²/7920)` and `2E = 2 + r²(5/22 + r²(1/396 + r²/332640))`: the Padé
    /// coefficients `cⱼ = (12 − j)! 6! / (12! j! (6 − j)!)`, times two.
    @inlinable @inline(__always)
    static func tanh(reduced r: SIMD2<Double>, scale t: SIMD2<Double>, sign: SIMD2<Double>) -> SIMD2<Double> {
        let r2 = r * r
        let e2 = r2 * SIMD2(repeating: 1.0 / 332_640) + SIMD2(repeating: 1.0 / 396)
        let e1 = r2 * e2 + SIMD2(repeating: 5.0 / 22)
        let even = r2 * e1 + SIMD2(repeating: 2)
        let o1 = r2 * SIMD2(repeating: 1.0 / 7_920) + SIMD2(repeating: 1.0 / 33)
        let odd = (r * r2) * o1 + r
        let u = SIMD2(repeating: 1) - t
        let v = SIMD2(repeating: 1) + t
        let numerator: SIMD2<Double> = even * u - odd * v
        let denominator: SIMD2<Double> = even * v - odd * u
        let magnitude = numerator / denominator
        return bits(bits(magnitude) | (bits(sign) & SIMD2(repeating: 1 << 63)))
    }

    @inlinable @inline(__always)
    static func bits(_ v: SIMD2<Double>) -> SIMD2<UInt64> { unsafeBitCast(v, to: SIMD2<UInt64>.self) }

    @inlinable @inline(__always)
    static func bits(_ v: SIMD2<UInt64>) -> SIMD2<Double> { unsafeBitCast(v, to: SIMD2<Double>.self) }
}

extension Dense {
    /// `∂W[i, o] += Σ_r x[r, i] δ[r, o]` (`x` is `rows × inputs`, `δ` is `rows × outputs`).
    ///
    /// Every entry is summed in row order from its old value, whatever the blocking, so a batch
    /// adds exactly what its rows add one call at a time. Two outputs (`50 → 2`):
    /// ``accumulateNarrowOuterProducts(_:_:rows:inputs:into:)``. Otherwise four rows `i` of `∂W`
    /// at a time, two columns at a time, are held in registers while the batch is summed (eight
    /// independent chains), then pairs of rows (``accumulateOuterProductPair(_:column:_:rows:outputs:into:)``).
    @inlinable
    static func accumulateOuterProducts(
        _ x: RowSource, _ delta: UnsafePointer<Double>, rows: Int, inputs: Int, outputs: Int,
        into gw: UnsafeMutablePointer<Double>
    ) {
        if outputs == 2 {
            accumulateNarrowOuterProducts(x, delta, rows: rows, inputs: inputs, into: gw)
            return
        }
        var i = 0
        if outputs >= 2 {
            while i &+ 4 <= inputs {
                let g0 = gw + i &* outputs
                let g1 = g0 + outputs
                let g2 = g1 + outputs
                let g3 = g2 + outputs
                var o = 0
                while o &+ 2 <= outputs {
                    var s0 = load2(g0 + o), s1 = load2(g1 + o), s2 = load2(g2 + o), s3 = load2(g3 + o)
                    for r in 0..<rows {
                        let d = load2(delta + (r &* outputs &+ o))
                        let xr = x[r] + i
                        s0 += SIMD2(repeating: xr[0]) * d
                        s1 += SIMD2(repeating: xr[1]) * d
                        s2 += SIMD2(repeating: xr[2]) * d
                        s3 += SIMD2(repeating: xr[3]) * d
                    }
                    store2(s0, g0 + o); store2(s1, g1 + o); store2(s2, g2 + o); store2(s3, g3 + o)
                    o &+= 2
                }
                if o < outputs {
                    for k in 0..<4 {
                        var s = gw[(i &+ k) &* outputs &+ o]
                        for r in 0..<rows { s += x[r][i &+ k] * delta[r &* outputs &+ o] }
                        gw[(i &+ k) &* outputs &+ o] = s
                    }
                }
                i &+= 4
            }
        }
        if i &+ 2 <= inputs && outputs >= 4 {
            accumulateOuterProductPair(x, column: i, delta, rows: rows, outputs: outputs, into: gw + i &* outputs)
            i &+= 2
        }
        while i < inputs {
            accumulateRows(delta, rows: rows, width: outputs, weights: x, column: i, into: gw + i &* outputs)
            i &+= 1
        }
    }

    /// ``accumulateOuterProducts(_:_:rows:inputs:outputs:into:)`` for two outputs: `∂W[:, o]` is
    /// summed along `i`, eight inputs at a time for both columns (eight two-lane chains), so each
    /// row costs contiguous loads of `x` and one broadcast of each `δ[r, o]`; the input-major
    /// entries are shuffled into columns before the batch and back after it.
    @inlinable
    static func accumulateNarrowOuterProducts(
        _ x: RowSource, _ delta: UnsafePointer<Double>, rows: Int, inputs: Int,
        into gw: UnsafeMutablePointer<Double>
    ) {
        /// `(∂W[i, 0], ∂W[i + 1, 0])` and `(∂W[i, 1], ∂W[i + 1, 1])`.
        @inline(__always)
        func columns(_ i: Int) -> (SIMD2<Double>, SIMD2<Double>) {
            let first = load2(gw + i &* 2)
            let second = load2(gw + (i &* 2 &+ 2))
            return (SIMD2(first[0], second[0]), SIMD2(first[1], second[1]))
        }
        @inline(__always)
        func store(_ c0: SIMD2<Double>, _ c1: SIMD2<Double>, _ i: Int) {
            store2(SIMD2(c0[0], c1[0]), gw + i &* 2)
            store2(SIMD2(c0[1], c1[1]), gw + (i &* 2 &+ 2))
        }
        var i = 0
        while i &+ 8 <= inputs {
            var (a0, a1) = columns(i)
            var (b0, b1) = columns(i &+ 2)
            var (c0, c1) = columns(i &+ 4)
            var (d0, d1) = columns(i &+ 6)
            for r in 0..<rows {
                let d = load2(delta + r &* 2)
                let e0 = SIMD2(repeating: d[0])
                let e1 = SIMD2(repeating: d[1])
                let xr = x[r] + i
                let p = load2(xr), q = load2(xr + 2), s = load2(xr + 4), t = load2(xr + 6)
                a0 += p * e0
                a1 += p * e1
                b0 += q * e0
                b1 += q * e1
                c0 += s * e0
                c1 += s * e1
                d0 += t * e0
                d1 += t * e1
            }
            store(a0, a1, i)
            store(b0, b1, i &+ 2)
            store(c0, c1, i &+ 4)
            store(d0, d1, i &+ 6)
            i &+= 8
        }
        while i &+ 2 <= inputs {
            var (a0, a1) = columns(i)
            for r in 0..<rows {
                let d = load2(delta + r &* 2)
                let p = load2(x[r] + i)
                a0 += p * SIMD2(repeating: d[0])
                a1 += p * SIMD2(repeating: d[1])
            }
            store(a0, a1, i)
            i &+= 2
        }
        if i < inputs {
            accumulateRows(delta, rows: rows, width: 2, weights: x, column: i, into: gw + i &* 2)
        }
    }

    /// Rows `i` and `i + 1` of ``accumulateOuterProducts(_:_:rows:inputs:outputs:into:)`` (`x`
    /// read from column `i`, `gw` at row `i`) for wide outputs: each loaded `δ` serves both rows,
    /// halving the loads of layers with few inputs (`2 → 50`), eight columns at a time. Same
    /// order of summation.
    @inlinable
    static func accumulateOuterProductPair(
        _ x: RowSource, column i: Int, _ delta: UnsafePointer<Double>, rows: Int, outputs: Int,
        into gw: UnsafeMutablePointer<Double>
    ) {
        let g1 = gw + outputs
        var o = 0
        while o &+ 8 <= outputs {
            var s0 = load2(gw + o), s1 = load2(gw + o + 2), s2 = load2(gw + o + 4), s3 = load2(gw + o + 6)
            var t0 = load2(g1 + o), t1 = load2(g1 + o + 2), t2 = load2(g1 + o + 4), t3 = load2(g1 + o + 6)
            for r in 0..<rows {
                let d = delta + (r &* outputs &+ o)
                let d0 = load2(d), d1 = load2(d + 2), d2 = load2(d + 4), d3 = load2(d + 6)
                let xr = x[r] + i
                let xa = SIMD2(repeating: xr[0])
                let xb = SIMD2(repeating: xr[1])
                s0 += xa * d0
                s1 += xa * d1
                s2 += xa * d2
                s3 += xa * d3
                t0 += xb * d0
                t1 += xb * d1
                t2 += xb * d2
                t3 += xb * d3
            }
            store2(s0, gw + o); store2(s1, gw + o + 2); store2(s2, gw + o + 4); store2(s3, gw + o + 6)
            store2(t0, g1 + o); store2(t1, g1 + o + 2); store2(t2, g1 + o + 4); store2(t3, g1 + o + 6)
            o &+= 8
        }
        while o &+ 2 <= outputs {
            var s = load2(gw + o)
            var t = load2(g1 + o)
            for r in 0..<rows {
                let d = load2(delta + (r &* outputs &+ o))
                let xr = x[r] + i
                s += SIMD2(repeating: xr[0]) * d
                t += SIMD2(repeating: xr[1]) * d
            }
            store2(s, gw + o)
            store2(t, g1 + o)
            o &+= 2
        }
        for k in 0..<2 where o < outputs {
            var s = gw[k &* outputs &+ o]
            for r in 0..<rows { s += x[r][i &+ k] * delta[r &* outputs &+ o] }
            gw[k &* outputs &+ o] = s
        }
    }
}

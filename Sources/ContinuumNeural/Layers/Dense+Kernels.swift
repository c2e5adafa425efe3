extension Dense {
    /// `zₒ = bₒ + Σᵢ xᵢ W[i, o]` for one row (`b` nil means zero), `W` input-major with `outputs`
    /// columns.
    ///
    /// The outputs are taken four (then two, then one) at a time with the partial sums held in
    /// registers across the whole `i` loop: accumulating into memory would make each `i` wait for
    /// the previous store (store forwarding), which dominated narrow layers such as `50 → 2`.
    /// Every `zₒ` is summed in the same order whatever the batch, so results do not depend on it.
    @inlinable
    static func affineRow(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        var o = 0
        while o + 4 <= outputs {
            var s0 = b.map { load2($0 + o) } ?? .zero
            var s1 = b.map { load2($0 + o + 2) } ?? .zero
            for i in 0..<inputs {
                let xi = SIMD2(repeating: x[i])
                let wi = w + i * outputs + o
                s0 += xi * load2(wi)
                s1 += xi * load2(wi + 2)
            }
            store2(s0, z + o)
            store2(s1, z + o + 2)
            o += 4
        }
        affineTail(x, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs, from: o)
    }

    /// Columns `o..<outputs` (fewer than four) of ``affineRow(_:weights:bias:into:inputs:outputs:)``.
    @inlinable
    static func affineTail(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, from o: Int
    ) {
        var o = o
        // Narrow tails: split the sum over even and odd i to halve the dependency chain.
        if o + 2 <= outputs {
            var even = SIMD2<Double>.zero
            var odd = SIMD2<Double>.zero
            var i = 0
            while i + 2 <= inputs {
                even += SIMD2(repeating: x[i]) * load2(w + i * outputs + o)
                odd += SIMD2(repeating: x[i + 1]) * load2(w + (i + 1) * outputs + o)
                i += 2
            }
            if i < inputs { even += SIMD2(repeating: x[i]) * load2(w + i * outputs + o) }
            store2((b.map { load2($0 + o) } ?? .zero) + (even + odd), z + o)
            o += 2
        }
        if o < outputs { scalarColumn(x, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs, column: o) }
    }

    /// `accₒ += Σ_r c_r · v[r, o]` over `rows` rows of `v` (`rows × width`), with `c_r =
    /// weights[r · weightStride]` (all ones when `weights` is nil): the bias gradient (`Σ_r δ_r`)
    /// and one row of the weight gradient (`∂W[i, :] += Σ_r x[r, i] δ_r`).
    ///
    /// The sum over rows runs in register accumulators, in row order starting from `acc`, so a
    /// batch adds exactly what its rows would add one call at a time.
    @inlinable
    static func accumulateRows(
        _ v: UnsafePointer<Double>, rows: Int, width: Int, weights: UnsafePointer<Double>?, weightStride: Int,
        into acc: UnsafeMutablePointer<Double>
    ) {
        var o = 0
        while o + 4 <= width {
            var s0 = load2(acc + o)
            var s1 = load2(acc + o + 2)
            for r in 0..<rows {
                let vr = v + r * width + o
                if let weights {
                    let c = SIMD2(repeating: weights[r * weightStride])
                    s0 += c * load2(vr)
                    s1 += c * load2(vr + 2)
                } else {
                    s0 += load2(vr)
                    s1 += load2(vr + 2)
                }
            }
            store2(s0, acc + o)
            store2(s1, acc + o + 2)
            o += 4
        }
        if o + 2 <= width {
            var s = load2(acc + o)
            for r in 0..<rows { s += SIMD2(repeating: weights?[r * weightStride] ?? 1) * load2(v + r * width + o) }
            store2(s, acc + o)
            o += 2
        }
        while o < width {
            var s = acc[o]
            for r in 0..<rows { s += (weights?[r * weightStride] ?? 1) * v[r * width + o] }
            acc[o] = s
            o += 1
        }
    }

    /// `∂W[i, o] += Σ_r x[r, i] δ[r, o]` (`x` is `rows × inputs`, `δ` is `rows × outputs`).
    ///
    /// Four rows `i` of `∂W` at a time, two columns at a time, are held in registers while the
    /// batch is summed: eight independent chains instead of one per entry, which matters for
    /// narrow outputs (`50 → 2`). Each entry is still summed in row order from its old value.
    @inlinable
    static func accumulateOuterProducts(
        _ x: UnsafePointer<Double>, _ delta: UnsafePointer<Double>, rows: Int, inputs: Int, outputs: Int,
        into gw: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        if outputs >= 2 {
            while i + 4 <= inputs {
                let g0 = gw + i * outputs
                let g1 = g0 + outputs
                let g2 = g1 + outputs
                let g3 = g2 + outputs
                var o = 0
                while o + 2 <= outputs {
                    var s0 = load2(g0 + o)
                    var s1 = load2(g1 + o)
                    var s2 = load2(g2 + o)
                    var s3 = load2(g3 + o)
                    for r in 0..<rows {
                        let d = load2(delta + r * outputs + o)
                        let xr = x + r * inputs + i
                        s0 += SIMD2(repeating: xr[0]) * d
                        s1 += SIMD2(repeating: xr[1]) * d
                        s2 += SIMD2(repeating: xr[2]) * d
                        s3 += SIMD2(repeating: xr[3]) * d
                    }
                    store2(s0, g0 + o)
                    store2(s1, g1 + o)
                    store2(s2, g2 + o)
                    store2(s3, g3 + o)
                    o += 2
                }
                if o < outputs {
                    for k in 0..<4 {
                        var s = gw[(i + k) * outputs + o]
                        for r in 0..<rows { s += x[r * inputs + i + k] * delta[r * outputs + o] }
                        gw[(i + k) * outputs + o] = s
                    }
                }
                i += 4
            }
        }
        if i + 2 <= inputs && outputs >= 4 {
            accumulateOuterProductPair(x + i, delta, rows: rows, inputs: inputs, outputs: outputs, into: gw + i * outputs)
            i += 2
        }
        while i < inputs {
            accumulateRows(
                delta, rows: rows, width: outputs, weights: x + i, weightStride: inputs, into: gw + i * outputs)
            i += 1
        }
    }

    /// Rows `i` and `i + 1` of ``accumulateOuterProducts(_:_:rows:inputs:outputs:into:)`` (`x`
    /// points at column `i`, `gw` at row `i`) for wide outputs: each loaded `δ` serves both,
    /// halving the loads of layers with few inputs (`2 → 50`). Same order of summation.
    @inlinable
    static func accumulateOuterProductPair(
        _ x: UnsafePointer<Double>, _ delta: UnsafePointer<Double>, rows: Int, inputs: Int, outputs: Int,
        into gw: UnsafeMutablePointer<Double>
    ) {
        let g1 = gw + outputs
        var o = 0
        while o + 4 <= outputs {
            var s0 = load2(gw + o)
            var s1 = load2(gw + o + 2)
            var t0 = load2(g1 + o)
            var t1 = load2(g1 + o + 2)
            for r in 0..<rows {
                let d = delta + r * outputs + o
                let d0 = load2(d)
                let d1 = load2(d + 2)
                let xa = SIMD2(repeating: x[r * inputs])
                let xb = SIMD2(repeating: x[r * inputs + 1])
                s0 += xa * d0
                s1 += xa * d1
                t0 += xb * d0
                t1 += xb * d1
            }
            store2(s0, gw + o)
            store2(s1, gw + o + 2)
            store2(t0, g1 + o)
            store2(t1, g1 + o + 2)
            o += 4
        }
        guard o < outputs else { return }
        for k in 0..<2 {
            let weights = x + k
            let acc = gw + k * outputs
            var c = o
            if c + 2 <= outputs {
                var s = load2(acc + c)
                for r in 0..<rows { s += SIMD2(repeating: weights[r * inputs]) * load2(delta + r * outputs + c) }
                store2(s, acc + c)
                c += 2
            }
            while c < outputs {
                var s = acc[c]
                for r in 0..<rows { s += weights[r * inputs] * delta[r * outputs + c] }
                acc[c] = s
                c += 1
            }
        }
    }

    /// `t[j · rows + i] = m[i · columns + j]`, by 2 × 2 blocks of two-lane loads and shuffles.
    @inlinable
    static func transpose(_ m: UnsafePointer<Double>, rows: Int, columns: Int, into t: UnsafeMutablePointer<Double>) {
        var i = 0
        while i &+ 2 <= rows {
            let m0 = m + i &* columns
            let m1 = m0 + columns
            var j = 0
            while j &+ 2 <= columns {
                let a = load2(m0 + j)
                let b = load2(m1 + j)
                store2(SIMD2(a[0], b[0]), t + (j &* rows &+ i))
                store2(SIMD2(a[1], b[1]), t + ((j &+ 1) &* rows &+ i))
                j &+= 2
            }
            if j < columns {
                t[j &* rows &+ i] = m0[j]
                t[j &* rows &+ i &+ 1] = m1[j]
            }
            i &+= 2
        }
        if i < rows {
            for j in 0..<columns { t[j &* rows &+ i] = m[i &* columns &+ j] }
        }
    }

    @inlinable
    static func load2(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
    }

    @inlinable
    static func load2(_ p: UnsafeMutablePointer<Double>) -> SIMD2<Double> { load2(UnsafePointer(p)) }

    @inlinable
    static func store2(_ v: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
    }
}

extension Dense {
    /// `z[r, o] = b[o] + Σᵢ x[r, i] W[i, o]` for `rows` rows (`x` is `rows × inputs`, `z` is
    /// `rows × outputs`, `b` nil means zero, `W` input-major).
    ///
    /// Two outputs (such as `50 → 2`) take ``narrowRows(_:rows:inputs:columns:last:bias:into:)``:
    /// each sum is split over even and odd `i` in the two lanes of one register, so a row is a
    /// sequence of independent two-lane products instead of one chain per output. Wider layers
    /// take ``wideRows(_:rows:weights:bias:into:inputs:outputs:)``. Either way every row is summed
    /// by the same operations in the same order whatever the batch, so batches are bit for bit
    /// their rows one at a time.
    @inlinable
    static func affineRows(
        _ x: UnsafePointer<Double>, rows: Int, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        if outputs == 2 {
            // Column o of W for inputs i, i + 1 sits at W[i, o], W[i + 1, o]: two loads and a shuffle.
            narrowRows(x, rows: rows, inputs: inputs, columns: { i in
                let first = load2(w + i &* 2)
                let second = load2(w + (i &* 2 &+ 2))
                return (SIMD2(first[0], second[0]), SIMD2(first[1], second[1]))
            }, last: { load2(w + $0 &* 2) }, bias: b, into: z)
        } else if outputs == 1 || outputs == 3 {
            for r in 0..<rows {
                for o in 0..<outputs {
                    scalarColumn(x + r &* inputs, weights: w, bias: b, into: z + r &* outputs, inputs: inputs, outputs: outputs, column: o)
                }
            }
        } else if inputs == 2 {
            wideRowsOfTwoInputs(x, rows: rows, weights: w, bias: b, into: z, outputs: outputs)
        } else {
            wideRows(x, rows: rows, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs)
        }
    }

    /// ``wideRows(_:rows:weights:bias:into:inputs:outputs:)`` for two inputs (`2 → 50`, and the
    /// input cotangent of `50 → 2`): `z = (b + x₀ W[0, :]) + x₁ W[1, :]` with no loop over the
    /// inputs, each row's two broadcasts taken once, and each loaded weight pair serving two rows.
    @inlinable
    static func wideRowsOfTwoInputs(
        _ x: UnsafePointer<Double>, rows: Int, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, outputs: Int
    ) {
        let w1 = w + outputs
        @inline(__always)
        func start(_ o: Int) -> SIMD2<Double> { b.map { load2($0 + o) } ?? .zero }
        var r = 0
        while r &+ 2 <= rows {
            let x0 = x + 2 &* r
            let z0 = z + r &* outputs
            let z1 = z0 + outputs
            let p0 = SIMD2(repeating: x0[0]), p1 = SIMD2(repeating: x0[1])
            let q0 = SIMD2(repeating: x0[2]), q1 = SIMD2(repeating: x0[3])
            var o = 0
            while o &+ 4 <= outputs {
                let u0 = load2(w + o), u1 = load2(w + o + 2)
                let v0 = load2(w1 + o), v1 = load2(w1 + o + 2)
                let b0 = start(o), b1 = start(o &+ 2)
                store2((b0 + p0 * u0) + p1 * v0, z0 + o)
                store2((b1 + p0 * u1) + p1 * v1, z0 + o + 2)
                store2((b0 + q0 * u0) + q1 * v0, z1 + o)
                store2((b1 + q0 * u1) + q1 * v1, z1 + o + 2)
                o &+= 4
            }
            if o &+ 2 <= outputs {
                let u = load2(w + o), v = load2(w1 + o), b0 = start(o)
                store2((b0 + p0 * u) + p1 * v, z0 + o)
                store2((b0 + q0 * u) + q1 * v, z1 + o)
                o &+= 2
            }
            if o < outputs {
                wideColumn(x0, weights: w, bias: b, into: z0, inputs: 2, outputs: outputs, column: o)
                wideColumn(x0 + 2, weights: w, bias: b, into: z1, inputs: 2, outputs: outputs, column: o)
            }
            r &+= 2
        }
        guard r < rows else { return }
        let x0 = x + 2 &* r
        let z0 = z + r &* outputs
        let p0 = SIMD2(repeating: x0[0]), p1 = SIMD2(repeating: x0[1])
        var o = 0
        while o &+ 2 <= outputs {
            store2((start(o) + p0 * load2(w + o)) + p1 * load2(w1 + o), z0 + o)
            o &+= 2
        }
        if o < outputs { wideColumn(x0, weights: w, bias: b, into: z0, inputs: 2, outputs: outputs, column: o) }
    }

    /// ``affineRows(_:rows:weights:bias:into:inputs:outputs:)`` for one row.
    @inlinable
    static func affineRow(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        affineRows(x, rows: 1, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs)
    }

    /// Layers with at least four outputs: rows two at a time, so each loaded pair of weights serves
    /// both (halving the loads that bound layers with few inputs, `2 → 50`), outputs eight at a
    /// time with the sums in registers across the whole `i` loop (accumulating into memory would
    /// make each `i` wait for the previous store). Each `z[r, o]` is `b[o]`, then `+ x[r, i] W[i, o]`
    /// for `i` in order, in every block shape.
    @inlinable
    static func wideRows(
        _ x: UnsafePointer<Double>, rows: Int, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        @inline(__always)
        func start(_ o: Int) -> SIMD2<Double> { b.map { load2($0 + o) } ?? .zero }
        var r = 0
        while r &+ 2 <= rows {
            let x0 = x + r &* inputs
            let x1 = x0 + inputs
            let z0 = z + r &* outputs
            let z1 = z0 + outputs
            var o = 0
            while o &+ 8 <= outputs {
                var s0 = start(o), s1 = start(o &+ 2), s2 = start(o &+ 4), s3 = start(o &+ 6)
                var t0 = s0, t1 = s1, t2 = s2, t3 = s3
                for i in 0..<inputs {
                    let wi = w + (i &* outputs &+ o)
                    let w0 = load2(wi), w1 = load2(wi + 2), w2 = load2(wi + 4), w3 = load2(wi + 6)
                    let xa = SIMD2(repeating: x0[i])
                    let xb = SIMD2(repeating: x1[i])
                    s0 += xa * w0
                    s1 += xa * w1
                    s2 += xa * w2
                    s3 += xa * w3
                    t0 += xb * w0
                    t1 += xb * w1
                    t2 += xb * w2
                    t3 += xb * w3
                }
                store2(s0, z0 + o); store2(s1, z0 + o + 2); store2(s2, z0 + o + 4); store2(s3, z0 + o + 6)
                store2(t0, z1 + o); store2(t1, z1 + o + 2); store2(t2, z1 + o + 4); store2(t3, z1 + o + 6)
                o &+= 8
            }
            while o &+ 2 <= outputs {
                var s = start(o)
                var t = s
                for i in 0..<inputs {
                    let wi = load2(w + (i &* outputs &+ o))
                    s += SIMD2(repeating: x0[i]) * wi
                    t += SIMD2(repeating: x1[i]) * wi
                }
                store2(s, z0 + o)
                store2(t, z1 + o)
                o &+= 2
            }
            if o < outputs {
                wideColumn(x0, weights: w, bias: b, into: z0, inputs: inputs, outputs: outputs, column: o)
                wideColumn(x1, weights: w, bias: b, into: z1, inputs: inputs, outputs: outputs, column: o)
            }
            r &+= 2
        }
        guard r < rows else { return }
        let x0 = x + r &* inputs
        let z0 = z + r &* outputs
        var o = 0
        while o &+ 8 <= outputs {
            var s0 = start(o), s1 = start(o &+ 2), s2 = start(o &+ 4), s3 = start(o &+ 6)
            for i in 0..<inputs {
                let wi = w + (i &* outputs &+ o)
                let xa = SIMD2(repeating: x0[i])
                s0 += xa * load2(wi)
                s1 += xa * load2(wi + 2)
                s2 += xa * load2(wi + 4)
                s3 += xa * load2(wi + 6)
            }
            store2(s0, z0 + o); store2(s1, z0 + o + 2); store2(s2, z0 + o + 4); store2(s3, z0 + o + 6)
            o &+= 8
        }
        while o &+ 2 <= outputs {
            var s = start(o)
            for i in 0..<inputs { s += SIMD2(repeating: x0[i]) * load2(w + (i &* outputs &+ o)) }
            store2(s, z0 + o)
            o &+= 2
        }
        if o < outputs { wideColumn(x0, weights: w, bias: b, into: z0, inputs: inputs, outputs: outputs, column: o) }
    }

    /// The last column of an odd-width wide layer, summed in the wide kernels' order.
    @inlinable
    static func wideColumn(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, column o: Int
    ) {
        var s = b?[o] ?? 0
        for i in 0..<inputs { s += x[i] * w[i &* outputs &+ o] }
        z[o] = s
    }

    /// Column `o` of a layer with one or three outputs: `b[o] + (even + odd)`, the sums over even
    /// and odd `i`, as ``narrowRows(_:rows:inputs:columns:last:bias:into:)`` sums.
    @inlinable
    static func scalarColumn(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, column o: Int
    ) {
        var even = 0.0
        var odd = 0.0
        var i = 0
        while i &+ 2 <= inputs {
            even += x[i] * w[i &* outputs &+ o]
            odd += x[i &+ 1] * w[(i &+ 1) &* outputs &+ o]
            i &+= 2
        }
        if i < inputs { even += x[i] * w[i &* outputs &+ o] }
        z[o] = (b?[o] ?? 0) + (even + odd)
    }
}

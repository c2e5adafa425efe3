extension Dense {
    /// ``affineRow(_:weights:bias:into:inputs:outputs:)`` for `rows` consecutive rows (`x` is
    /// `rows × inputs`, `z` is `rows × outputs`).
    ///
    /// Rows are taken two at a time. Narrow layers (2 or 3 outputs, such as `50 → 2`): one row's
    /// sum is a chain of dependent additions (two chains with the even/odd split), so a pair of
    /// rows keeps four chains in flight. Wide layers: each loaded pair of weights serves both
    /// rows, halving the loads that bound layers with few inputs (`2 → 50`). Each row is still
    /// summed exactly as ``affineRow(_:weights:bias:into:inputs:outputs:)`` sums it, so batches
    /// stay bit-for-bit equal to their rows one at a time.
    @inlinable
    static func affineRows(
        _ x: UnsafePointer<Double>, rows: Int, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        var r = 0
        if outputs >= 4 {
            while r + 2 <= rows {
                affineRowPair(x + r * inputs, weights: w, bias: b, into: z + r * outputs, inputs: inputs, outputs: outputs)
                r += 2
            }
        } else if outputs == 2 || outputs == 3 {
            while r + 2 <= rows {
                let x0 = x + r * inputs
                let x1 = x0 + inputs
                var even0 = SIMD2<Double>.zero
                var odd0 = SIMD2<Double>.zero
                var even1 = SIMD2<Double>.zero
                var odd1 = SIMD2<Double>.zero
                var i = 0
                while i + 2 <= inputs {
                    let wEven = load2(w + i * outputs)
                    let wOdd = load2(w + (i + 1) * outputs)
                    even0 += SIMD2(repeating: x0[i]) * wEven
                    odd0 += SIMD2(repeating: x0[i + 1]) * wOdd
                    even1 += SIMD2(repeating: x1[i]) * wEven
                    odd1 += SIMD2(repeating: x1[i + 1]) * wOdd
                    i += 2
                }
                if i < inputs {
                    let wLast = load2(w + i * outputs)
                    even0 += SIMD2(repeating: x0[i]) * wLast
                    even1 += SIMD2(repeating: x1[i]) * wLast
                }
                let bias = b.map { load2($0) } ?? .zero
                let z0 = z + r * outputs
                store2(bias + (even0 + odd0), z0)
                store2(bias + (even1 + odd1), z0 + outputs)
                if outputs == 3 {
                    scalarColumn(x0, weights: w, bias: b, into: z0, inputs: inputs, outputs: outputs, column: 2)
                    scalarColumn(x1, weights: w, bias: b, into: z0 + outputs, inputs: inputs, outputs: outputs, column: 2)
                }
                r += 2
            }
        }
        while r < rows {
            affineRow(x + r * inputs, weights: w, bias: b, into: z + r * outputs, inputs: inputs, outputs: outputs)
            r += 1
        }
    }

    /// ``affineRow(_:weights:bias:into:inputs:outputs:)`` for rows `x` and `x + inputs` (into `z`
    /// and `z + outputs`) with every weight load shared by the two rows.
    @inlinable
    static func affineRowPair(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int
    ) {
        let x1 = x + inputs
        let z1 = z + outputs
        var o = 0
        while o + 4 <= outputs {
            let bias0 = b.map { load2($0 + o) } ?? .zero
            let bias1 = b.map { load2($0 + o + 2) } ?? .zero
            var s0 = bias0
            var s1 = bias1
            var t0 = bias0
            var t1 = bias1
            for i in 0..<inputs {
                let wi = w + i * outputs + o
                let w0 = load2(wi)
                let w1 = load2(wi + 2)
                let xa = SIMD2(repeating: x[i])
                let xb = SIMD2(repeating: x1[i])
                s0 += xa * w0
                s1 += xa * w1
                t0 += xb * w0
                t1 += xb * w1
            }
            store2(s0, z + o)
            store2(s1, z + o + 2)
            store2(t0, z1 + o)
            store2(t1, z1 + o + 2)
            o += 4
        }
        guard o < outputs else { return }
        affineTail(x, weights: w, bias: b, into: z, inputs: inputs, outputs: outputs, from: o)
        affineTail(x1, weights: w, bias: b, into: z1, inputs: inputs, outputs: outputs, from: o)
    }

    /// Column `o` of ``affineRow(_:weights:bias:into:inputs:outputs:)`` alone: its scalar tail.
    @inlinable
    static func scalarColumn(
        _ x: UnsafePointer<Double>, weights w: UnsafePointer<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>, inputs: Int, outputs: Int, column o: Int
    ) {
        var even = 0.0
        var odd = 0.0
        var i = 0
        while i + 2 <= inputs {
            even += x[i] * w[i * outputs + o]
            odd += x[i + 1] * w[(i + 1) * outputs + o]
            i += 2
        }
        if i < inputs { even += x[i] * w[i * outputs + o] }
        z[o] = (b?[o] ?? 0) + (even + odd)
    }
}

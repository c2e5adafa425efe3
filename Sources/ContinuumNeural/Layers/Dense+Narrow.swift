extension Dense {
    /// `z[r, o] = b[o] + (Σ_{i even} x[r, i] c_o[i] + Σ_{i odd} x[r, i] c_o[i])` for two outputs
    /// `o`, where `columns(i)` returns `(c₀[i], c₀[i + 1])` and `(c₁[i], c₁[i + 1])` for even `i`,
    /// and `last(i)` returns `(c₀[i], c₁[i])` for the last input of an odd count.
    ///
    /// The even and odd partial sums are the two lanes of one register, so a contiguous pair of
    /// `x` is one load and no broadcast is needed; rows are taken four at a time so each column
    /// pair serves four rows and eight independent sums are in flight. The forward pass of a
    /// layer with two outputs reads its columns from the input-major `W`; the input cotangent of a
    /// layer with two inputs, `δ Wᵀ`, reads them as the two rows of `W`, with no transpose.
    @inlinable @inline(__always)
    static func narrowRows(
        _ x: UnsafePointer<Double>, rows: Int, inputs: Int,
        columns: (Int) -> (SIMD2<Double>, SIMD2<Double>), last: (Int) -> SIMD2<Double>, bias b: UnsafePointer<Double>?,
        into z: UnsafeMutablePointer<Double>
    ) {
        let bias = b.map { load2($0) } ?? .zero
        let pairs = inputs & ~1
        @inline(__always)
        func finish(_ s0: SIMD2<Double>, _ s1: SIMD2<Double>, _ x: UnsafePointer<Double>, _ z: UnsafeMutablePointer<Double>) {
            var even = SIMD2(s0[0], s1[0])
            let odd = SIMD2(s0[1], s1[1])
            if pairs < inputs { even += SIMD2(repeating: x[pairs]) * last(pairs) }
            store2(bias + (even + odd), z)
        }
        var r = 0
        while r &+ 4 <= rows {
            let x0 = x + r &* inputs
            let x1 = x0 + inputs
            let x2 = x1 + inputs
            let x3 = x2 + inputs
            var a0 = SIMD2<Double>.zero, a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0
            var i = 0
            while i < pairs {
                let (u, v) = columns(i)
                let p = load2(x0 + i), q = load2(x1 + i), s = load2(x2 + i), t = load2(x3 + i)
                a0 += p * u
                a1 += p * v
                b0 += q * u
                b1 += q * v
                c0 += s * u
                c1 += s * v
                d0 += t * u
                d1 += t * v
                i &+= 2
            }
            let z0 = z + r &* 2
            finish(a0, a1, x0, z0)
            finish(b0, b1, x1, z0 + 2)
            finish(c0, c1, x2, z0 + 4)
            finish(d0, d1, x3, z0 + 6)
            r &+= 4
        }
        while r < rows {
            let x0 = x + r &* inputs
            var a0 = SIMD2<Double>.zero, a1 = a0
            var i = 0
            while i < pairs {
                let (u, v) = columns(i)
                let p = load2(x0 + i)
                a0 += p * u
                a1 += p * v
                i &+= 2
            }
            finish(a0, a1, x0, z + r &* 2)
            r &+= 1
        }
    }
}

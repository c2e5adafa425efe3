extension Dense {
    /// `accₒ += Σ_r v[r, o]` over `rows` rows of `v` (`rows × width`): the bias gradient.
    @inlinable
    static func accumulateRows(
        _ v: UnsafePointer<Double>, rows: Int, width: Int, into acc: UnsafeMutablePointer<Double>
    ) {
        var o = 0
        while o &+ 4 <= width {
            var s0 = load2(acc + o)
            var s1 = load2(acc + o + 2)
            for r in 0..<rows {
                let vr = v + (r &* width &+ o)
                s0 += load2(vr)
                s1 += load2(vr + 2)
            }
            store2(s0, acc + o)
            store2(s1, acc + o + 2)
            o &+= 4
        }
        while o < width {
            var s = acc[o]
            for r in 0..<rows { s += v[r &* width &+ o] }
            acc[o] = s
            o &+= 1
        }
    }

    /// `accₒ += Σ_r x[r, i] v[r, o]`: row `i` of a weight gradient (`∂W[i, :] += Σ_r x[r, i] δ_r`).
    @inlinable
    static func accumulateRows(
        _ v: UnsafePointer<Double>, rows: Int, width: Int, weights x: RowSource, column i: Int,
        into acc: UnsafeMutablePointer<Double>
    ) {
        accumulateRows(v, rows: rows, width: width, coefficients: { x[$0][i] }, into: acc)
    }

    /// `accₒ += Σ_r c(r) · v[r, o]`. The sum over rows runs in register accumulators, in row
    /// order starting from `acc`, so a batch adds exactly what its rows would add one call at a
    /// time (`c(r) = 1` multiplies exactly).
    @inlinable @inline(__always)
    static func accumulateRows(
        _ v: UnsafePointer<Double>, rows: Int, width: Int, coefficients c: (Int) -> Double,
        into acc: UnsafeMutablePointer<Double>
    ) {
        var o = 0
        while o &+ 4 <= width {
            var s0 = load2(acc + o)
            var s1 = load2(acc + o + 2)
            for r in 0..<rows {
                let vr = v + (r &* width &+ o)
                let cr = SIMD2(repeating: c(r))
                s0 += cr * load2(vr)
                s1 += cr * load2(vr + 2)
            }
            store2(s0, acc + o)
            store2(s1, acc + o + 2)
            o &+= 4
        }
        if o &+ 2 <= width {
            var s = load2(acc + o)
            for r in 0..<rows { s += SIMD2(repeating: c(r)) * load2(v + (r &* width &+ o)) }
            store2(s, acc + o)
            o &+= 2
        }
        while o < width {
            var s = acc[o]
            for r in 0..<rows { s += c(r) * v[r &* width &+ o] }
            acc[o] = s
            o &+= 1
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

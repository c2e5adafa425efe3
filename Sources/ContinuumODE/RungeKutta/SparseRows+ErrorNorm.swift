import ContinuumNumerics

extension SparseRows {
    /// Whether ``scaledMeanSquare(row:h:stages:chunks:state:candidate:count:tolerance:)`` applies:
    /// a small system with a scalar absolute tolerance.
    @inlinable @inline(__always)
    func fusesErrorNorm(chunks: Int, tolerance: Tolerance) -> Bool {
        4 * chunks <= SparseRows.smallSystem && tolerance.absoluteVector == nil
    }

    /// `‖e‖²` of the error estimate `e = h Σₚ value[p] · stages[column[p]]` of row `row`, measured
    /// as ``WeightedNorm/meanSquare(_:_:_:count:tolerance:)`` against `state` and `candidate`, for
    /// the systems that ``fusesErrorNorm(chunks:tolerance:)`` accepts.
    ///
    /// Equal, bit for bit, to ``combine(row:h:base:stages:chunks:into:)`` followed by
    /// `WeightedNorm.meanSquare`, but `e` never goes through memory: in a small system the error
    /// lies on the chain from one step to the next step's size.
    @inlinable @inline(__always)
    func scaledMeanSquare(
        row: Int, h: Double, stages: UnsafePointer<UnsafeMutablePointer<Double>>, chunks: Int,
        state a: UnsafePointer<Double>, candidate b: UnsafePointer<Double>, count n: Int, tolerance: Tolerance
    ) -> Double {
        let start = rowStart[row]
        let end = rowStart[row + 1]
        let controlled = tolerance.controlledCount(of: n)
        let meanWeight = 1 / Double(controlled)
        guard end > start else { return 0 }
        let last = end - 1
        let newestWeight = h * value[last]
        let rtol = tolerance.relative
        let atol = tolerance.absolute
        let s1 = unitStride.pointee
        let s2 = s1 + s1
        let s3 = s2 + s1
        var sum = 0.0
        for chunk in 0..<chunks {
            let offset = 4 * chunk
            let (a0, a1, a2, a3) = chunkSums(terms: start..<last, stages: stages, offset: offset, strides: (s1, s2, s3))
            let k = UnsafePointer(stages[column[last]]) + offset
            // Components beyond the controlled ones (and the padding) are skipped, never weighted.
            @inline(__always) func add(_ e: Double, _ i: Int) {
                guard i < controlled else { return }
                let r = e * WeightedNorm.weight(absolute: atol, relative: rtol, a[i], b[i])
                sum += r * r
            }
            add(h * a0 + newestWeight * k[0], offset)
            add(h * a1 + newestWeight * k[s1], offset + 1)
            add(h * a2 + newestWeight * k[s2], offset + 2)
            add(h * a3 + newestWeight * k[s3], offset + 3)
        }
        return sum * meanWeight
    }
}

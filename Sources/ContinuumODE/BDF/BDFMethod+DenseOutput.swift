extension BDFMethod {
    /// The interpolating polynomial of the difference array over the accepted step, in the driver's
    /// monomial form `y(t + θh) = y + Σᵢ θⁱ rᵢ`.
    ///
    /// After the step the array holds `Dⱼ = ∇ʲ y_{n+1}` (``completeStep``), and the polynomial of
    /// degree `k` through `y_{n+1}, y_n, …, y_{n+1−k}` (at spacing `h`) is, with `s = θ − 1`,
    ///
    ///     p = y_{n+1} + Σ_{j=1}^{k} bⱼ(θ) Dⱼ,   bⱼ(θ) = Π_{m=0}^{j−1} (θ − 1 + m)/(m + 1)
    ///
    /// (Newton's backward form, as in scipy's `BdfDenseOutput`). Expanding `bⱼ = b_{j−1} (θ + j − 2)/j`
    /// in powers of θ gives `rᵢ = Σ_{j≥i} [θⁱ] bⱼ · Dⱼ`; the constant terms add up to `y_n − y_{n+1}`
    /// and are left out, so the extension starts exactly at `y_n`. Terms above degree `k` are zero.
    @inlinable
    public func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: BDFWorkspace, statistics: inout SolverStatistics
    ) {
        let n = w.dimension
        let k = w.control.pointee.order
        let terms = w.denseTerms
        let stride = w.stride
        for i in 0..<(5 * stride) { terms[i] = 0 }
        var basis = SIMD8<Double>()
        basis[0] = 1
        for j in 1...k {
            // b_j = b_{j−1} · (θ + j − 2) / j
            var next = SIMD8<Double>()
            let shift = Double(j - 2)
            let inverse = 1 / Double(j)
            for i in 0...j {
                let lower = i > 0 ? basis[i - 1] : 0
                next[i] = (lower + shift * basis[i]) * inverse
            }
            basis = next
            let row = UnsafePointer(w.differences[j])
            for i in 1...j {
                let weight = basis[i]
                let r = terms + (i - 1) * stride
                for c in 0..<n { r[c] += weight * row[c] }
            }
        }
    }
}

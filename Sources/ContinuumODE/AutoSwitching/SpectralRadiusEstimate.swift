/// Estimates the spectral radius of `∂f/∂y` at a point by a few steps of power iteration on
/// finite-difference Jacobian-vector products `J v ≈ (f(t, y + εv) − f(t, y)) / ε`: a cheap `|λ|`
/// for deciding whether an explicit method would be stable, without forming the Jacobian.
@usableFromInline
enum SpectralRadiusEstimate {
    /// Power iterations per estimate.
    @usableFromInline static let iterations = 3

    /// `max |λ|` of the Jacobian at `(t, y)`, given `f0 = f(t, y)`. Uses `v`, `w` and `shifted`
    /// (length `n` each) as scratch. Costs ``iterations`` evaluations of `f`.
    @inlinable
    static func estimate<F: VectorField>(
        _ field: F, t: Double, y: UnsafePointer<Double>, f0: UnsafePointer<Double>, dimension n: Int,
        v: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>, shifted: UnsafeMutablePointer<Double>,
        statistics: inout SolverStatistics
    ) -> Double {
        // A fixed, non-symmetric start so that no eigenvector is missed by symmetry.
        for i in 0..<n { v[i] = 1 + 0.37 * Double(i % 7) }
        var yNorm = 0.0
        for i in 0..<n { yNorm = max(yNorm, abs(y[i])) }
        var radius = 0.0
        for _ in 0..<iterations {
            var vNorm = 0.0
            for i in 0..<n { vNorm = max(vNorm, abs(v[i])) }
            guard vNorm > 0, vNorm.isFinite else { return radius }
            let epsilon = (Double.ulpOfOne.squareRoot() * (1 + yNorm)) / vNorm
            for i in 0..<n { shifted[i] = y[i] + epsilon * v[i] }
            field.evaluate(t, UnsafeBufferPointer(start: shifted, count: n), UnsafeMutableBufferPointer(start: w, count: n))
            statistics.functionEvaluations += 1
            var wNorm = 0.0
            for i in 0..<n {
                w[i] = (w[i] - f0[i]) / epsilon
                wNorm = max(wNorm, abs(w[i]))
            }
            radius = wNorm / vNorm
            guard radius.isFinite, wNorm > 0 else { return radius.isFinite ? radius : 0 }
            for i in 0..<n { v[i] = w[i] / wNorm }
        }
        return radius
    }
}

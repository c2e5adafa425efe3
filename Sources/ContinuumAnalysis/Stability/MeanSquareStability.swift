/// Mean-square stability of SDE schemes on the linear test equation `dX = λX dt + μX dW` (Itô,
/// real or complex λ, real μ): one step multiplies `E|X|²` by a factor `R(hλ, hμ²)` that depends
/// on the scheme, and the scheme is mean-square stable at step `h` when `R < 1` (Higham 2000,
/// "Mean-square and asymptotic stability of the stochastic theta method"; Saito & Mitsui 1996).
/// The exact solution is mean-square stable iff `2 Re λ + μ² < 0`.
public enum MeanSquareStability: String, Sendable, CaseIterable {
    /// Euler-Maruyama: `X₁ = (1 + hλ + μΔW) X₀`, so `R = |1 + hλ|² + hμ²`.
    case eulerMaruyama = "em"
    /// Itô Milstein: `X₁ = (1 + hλ + μΔW + ½μ²(ΔW² − h)) X₀`, so `R = |1 + hλ|² + hμ² + ½h²μ⁴`.
    case milstein

    /// The mean-square amplification factor for `z = hλ` (real and imaginary parts) and `q = hμ²`.
    public func amplification(real x: Double, imaginary y: Double = 0, noise q: Double) -> Double {
        let drift = (1 + x) * (1 + x) + y * y
        switch self {
        case .eulerMaruyama: return drift + q
        case .milstein: return drift + q + 0.5 * q * q
        }
    }

    /// The largest step `h` at which the scheme is mean-square stable for real `λ < 0` and `μ`
    /// (found by bisection on `R(hλ, hμ²) = 1`); `0` when the exact solution itself is unstable.
    public func largestStableStep(lambda: Double, mu: Double) -> Double {
        guard lambda < 0, 2 * lambda + mu * mu < 0 else { return 0 }
        func stable(_ h: Double) -> Bool { amplification(real: h * lambda, noise: h * mu * mu) < 1 }
        var low = 0.0
        var high = 1.0
        while stable(high) && high < 1e12 { high *= 2 }
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if stable(middle) { low = middle } else { high = middle }
        }
        return low
    }
}

import ContinuumNumerics
import Foundation

extension RadauIIA5 {
    /// RADAU5's embedded error estimate (Hairer & Wanner IV.8, `ESTRAD`).
    ///
    /// The difference between `y₁` and an embedded third-order solution that uses `f(t₀, y₀)` as
    /// an extra stage is `γ₀ h f(t₀, y₀) + Σ eᵢ Zᵢ`; for stiff components it is unbounded as
    /// `hλ → ∞`, so it is filtered: `err = (γ/h − J)⁻¹ (f(t₀, y₀) + Σ dᵢ Zᵢ / h)` (that is,
    /// `(I − hγ₀J)⁻¹` applied to the raw estimate, `γ₀ = 1/γ`), measured in the RMS norm of the
    /// converted tolerances. On the first step and after a rejection, when that norm exceeds 1,
    /// the filter is applied once more with `f` re-evaluated at `y₀ + err`, which removes the
    /// estimate's spurious growth for very stiff components (`err = (γ/h − J)⁻¹ (f(t₀, y₀ + err) + Σ dᵢ Zᵢ / h)`).
    /// The norm is floored at 1e-10.
    @inlinable
    func estimateLocalError<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RadauWorkspace, statistics: inout SolverStatistics
    ) -> Double {
        let n = w.dimension
        let m = w.stride
        let k = coefficients
        let z1 = w.z, z2 = w.z + m, z3 = w.z + 2 * m
        let combination = w.errorCombination
        let e = w.errorVector
        let f0 = w.derivative
        let d1 = k.d1 / h, d2 = k.d2 / h, d3 = k.d3 / h
        for i in 0..<n {
            let sum = d1 * z1[i] + d2 * z2[i] + d3 * z3[i]
            combination[i] = sum
            e[i] = sum + f0[i]
        }
        w.realMatrix.solve(e)
        var error = max(scaledNorm(e, w.scale, count: n), 1e-10)
        let c = w.control
        guard error >= 1, c.pointee.isFirst || c.pointee.afterRejection else { return error }
        let y = w.state
        let argument = w.stageArgument
        let f = w.f
        for i in 0..<n { argument[i] = y[i] + e[i] }
        field.evaluate(t, UnsafeBufferPointer(start: argument, count: n), UnsafeMutableBufferPointer(start: f, count: n))
        statistics.functionEvaluations += 1
        for i in 0..<n { e[i] = f[i] + combination[i] }
        w.realMatrix.solve(e)
        error = max(scaledNorm(e, w.scale, count: n), 1e-10)
        return error
    }

    /// `sqrt((1/n) Σ (eᵢ/scaleᵢ)²)`.
    @inlinable
    func scaledNorm(_ e: UnsafePointer<Double>, _ scale: UnsafePointer<Double>, count n: Int) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let r = e[i] / scale[i]
            sum += r * r
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Fills `scale` with RADAU5's error weights `atol'ᵢ + rtol' |yᵢ|` for the converted tolerances
    /// `rtol' = 0.1 rtol^(2/3)`, `atol' = rtol' · atol/rtol`, and returns `rtol'` (floored at
    /// 1e-12, for the Newton tolerance).
    @inlinable
    func errorWeights(
        _ tolerance: Tolerance, state y: UnsafePointer<Double>, count n: Int, into scale: UnsafeMutablePointer<Double>,
        control c: UnsafeMutablePointer<RadauControl>
    ) -> Double {
        let rtol = tolerance.relative
        guard rtol > 0 else {
            // Pure absolute tolerances stay as given.
            for i in 0..<n { scale[i] = tolerance.absoluteVector?[i] ?? tolerance.absolute }
            return 1e-12
        }
        if c.pointee.convertedFor != rtol {
            c.pointee.convertedFor = rtol
            c.pointee.convertedRelative = 0.1 * pow(rtol, 2.0 / 3.0)
        }
        let converted = c.pointee.convertedRelative
        let ratio = converted / rtol
        if let atol = tolerance.absoluteVector {
            for i in 0..<n { scale[i] = ratio * atol[i] + converted * abs(y[i]) }
        } else {
            let atol = ratio * tolerance.absolute
            for i in 0..<n { scale[i] = atol + converted * abs(y[i]) }
        }
        return max(converted, 1e-12)
    }
}

import ContinuumNumerics
import Foundation

extension RadauIIA5 {
    /// The simplified Newton iteration for the collocation equations in transformed variables
    /// (Hairer & Wanner IV.8, RADAU5's loop 40).
    ///
    /// With `W = (T⁻¹ ⊗ I) Z` and `Λ = T⁻¹A⁻¹T`, each iteration solves
    /// `(h⁻¹Λ ⊗ I − I ⊗ J) ΔW = −h⁻¹(Λ ⊗ I) W + (T⁻¹ ⊗ I) F(Z)`, whose first block row is the real
    /// system `(γ/h − J) ΔW₁ = …` and whose other two rows are the real and imaginary parts of
    /// `((α + iβ)/h − J)(ΔW₂ + iΔW₃) = …`. The right-hand side always uses the attempt's `h`.
    ///
    /// Convergence is monitored through `‖ΔW‖` in the weighted RMS norm over all `3n`
    /// components: the rate `Θₖ = ‖ΔWₖ‖/‖ΔWₖ₋₁‖` (geometric mean of the last two from the third
    /// iteration on), the stopping test `Θ/(1 − Θ) ‖ΔW‖ ≤ κ`, divergence at `Θ ≥ 0.99`, and the
    /// prediction `Θ^(kmax−1−k) Θ/(1 − Θ) ‖ΔW‖ > κ` that rejects early with the factor
    /// `0.8 q^(−1/(4 + kmax − 1 − k))`, `q = min(20, that ratio)` — when `mayReject` (adaptive
    /// steps); with fixed steps the iteration continues to its limit instead.
    @inlinable
    func solveCollocation<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RadauWorkspace, stoppingTolerance fnewt: Double,
        mayReject: Bool, statistics: inout SolverStatistics
    ) -> RadauNewtonOutcome {
        let n = w.dimension
        let m = w.stride
        let k = coefficients
        let control = w.control
        let nit = maximumNewtonIterations
        let uround = Double.ulpOfOne
        let y = UnsafePointer(w.state)
        let scale = UnsafePointer(w.scale)
        let argument = w.stageArgument
        let z1 = w.z, z2 = w.z + m, z3 = w.z + 2 * m
        let w1 = w.w, w2 = w.w + m, w3 = w.w + 2 * m
        let f1 = w.f, f2 = w.f + m, f3 = w.f + 2 * m
        let gammaOverH = k.gamma / h
        let alphaOverH = k.alpha / h
        let betaOverH = k.beta / h
        let nodes = (t + k.c1 * h, t + k.c2 * h, t + h)

        var convergenceFactor = pow(max(control.pointee.convergenceFactor, uround), 0.8)
        var theta = jacobianReuseThreshold
        var previousNorm = 0.0
        var previousRate = 0.0
        var iterations = 0
        defer {
            control.pointee.convergenceFactor = convergenceFactor
            control.pointee.theta = theta
            control.pointee.newtonIterations = iterations
        }
        while true {
            if iterations >= nit { return .diverged }
            for s in 0..<3 {
                let stage = z1 + s * m
                let derivative = f1 + s * m
                let time = s == 0 ? nodes.0 : s == 1 ? nodes.1 : nodes.2
                for i in 0..<n { argument[i] = y[i] + stage[i] }
                field.evaluate(time, UnsafeBufferPointer(start: argument, count: n),
                               UnsafeMutableBufferPointer(start: derivative, count: n))
            }
            statistics.functionEvaluations += 3
            for i in 0..<n {
                let a1 = f1[i], a2 = f2[i], a3 = f3[i]
                let v1 = w1[i], v2 = w2[i], v3 = w3[i]
                f1[i] = k.ti11 * a1 + k.ti12 * a2 + k.ti13 * a3 - gammaOverH * v1
                f2[i] = k.ti21 * a1 + k.ti22 * a2 + k.ti23 * a3 - alphaOverH * v2 + betaOverH * v3
                f3[i] = k.ti31 * a1 + k.ti32 * a2 + k.ti33 * a3 - alphaOverH * v3 - betaOverH * v2
            }
            w.realMatrix.solve(f1)
            w.complexMatrix.solve(real: f2, imaginary: f3)
            iterations += 1

            var sum = 0.0
            for i in 0..<n {
                let s = 1 / scale[i]
                let d1 = f1[i] * s, d2 = f2[i] * s, d3 = f3[i] * s
                sum += d1 * d1 + d2 * d2 + d3 * d3
            }
            let norm = (sum / Double(3 * n)).squareRoot()
            guard norm.isFinite else { return .nonFinite }
            if iterations > 1 && iterations < nit {
                let rate = norm / previousNorm
                theta = iterations == 2 ? rate : (rate * previousRate).squareRoot()
                previousRate = rate
                guard theta < 0.99 else { return .diverged }
                convergenceFactor = theta / (1 - theta)
                let remaining = nit - 1 - iterations
                var power = 1.0
                for _ in 0..<remaining { power *= theta }
                let predicted = convergenceFactor * norm * power / fnewt
                if predicted >= 1 && mayReject {
                    let q = max(1e-4, min(20, predicted))
                    return .slowConvergence(factor: 0.8 * pow(q, -1 / (4 + Double(remaining))))
                }
            }
            previousNorm = max(norm, uround)
            for i in 0..<n {
                let v1 = w1[i] + f1[i], v2 = w2[i] + f2[i], v3 = w3[i] + f3[i]
                w1[i] = v1
                w2[i] = v2
                w3[i] = v3
                z1[i] = k.t11 * v1 + k.t12 * v2 + k.t13 * v3
                z2[i] = k.t21 * v1 + k.t22 * v2 + k.t23 * v3
                z3[i] = k.t31 * v1 + v2
            }
            if convergenceFactor * norm <= fnewt { return .converged }
        }
    }
}

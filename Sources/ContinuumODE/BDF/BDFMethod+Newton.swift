import ContinuumNumerics
import Foundation

extension BDFMethod {
    /// Solves `d = c f(t, y⁽⁰⁾ + d) − ψ` by simplified Newton with the factorised `I − c_LU J`
    /// (scipy's `solve_bdf_system`, with CVODE's refinements).
    ///
    /// On entry `workspace.candidate` holds the predictor `y⁽⁰⁾`; on convergence it holds
    /// `y_{n+1} = y⁽⁰⁾ + d` and `workspace.correction` holds `d`. Each iteration solves
    /// `(I − c_LU J) Δ = c f(y) − ψ − d` and scales `Δ` by `2/(1 + c/c_LU)` when the matrix was
    /// factorised for another `c` (the average of the right scalings of the non-stiff, 1, and of the
    /// stiff, `c/c_LU`, components). With the contraction rate `ρ = ‖Δₘ‖/‖Δₘ₋₁‖` (`m ≥ 1`) the
    /// iteration
    /// - has converged when `min(1, ρ/(1 − ρ)) ‖Δₘ‖ < tol` (or `Δₘ = 0`): scipy's test, capped as in
    ///   CVODE so that increments already below the tolerance count as converged even when round-off
    ///   makes them stop contracting (a predictor exact to working precision);
    /// - has failed when `ρ ≥ 1`, or when `ρ^(M − m)/(1 − ρ) ‖Δₘ‖ > tol` predicts that the
    ///   remaining iterations (`M` = ``maximumNewtonIterations``) cannot get there.
    ///
    /// - Parameter reusePredicted: whether `workspace.predictedDerivative` already holds `f(t, y⁽⁰⁾)`
    ///   (a second iteration after a fresh Jacobian); otherwise it is stored there.
    /// - Returns: `.converged`, `.diverged`, or `.nonFinite` when `f(t, y⁽⁰⁾)` is not finite.
    @inlinable
    func solveCorrector<F: VectorField>(
        _ field: F, t: Double, c: Double, workspace w: BDFWorkspace, tolerance: Double, reusePredicted: Bool,
        statistics: inout SolverStatistics
    ) -> BDFAttemptOutcome {
        let n = w.dimension
        let y = w.candidate
        let d = w.correction
        let f = w.iterateDerivative
        let delta = w.increment
        let psi = UnsafePointer(w.psi)
        let weights = UnsafePointer(w.weights)
        let control = w.control
        let factored = control.pointee.factoredCoefficient
        let scaling = c == factored ? 1 : 2 / (1 + c / factored)
        for i in 0..<n { d[i] = 0 }
        var previousNorm = 0.0
        var rate = 1.0
        let limit = maximumNewtonIterations
        for iteration in 0..<limit {
            control.pointee.newtonIterations = iteration + 1
            if iteration == 0 && reusePredicted {
                f.update(from: w.predictedDerivative, count: n)
            } else {
                field.evaluate(t, UnsafeBufferPointer(start: y, count: n), UnsafeMutableBufferPointer(start: f, count: n))
                statistics.functionEvaluations += 1
                if iteration == 0 { w.predictedDerivative.update(from: f, count: n) }
            }
            guard FiniteCheck.allFinite(f, count: n) else { return iteration == 0 ? .nonFinite : .diverged }
            for i in 0..<n { delta[i] = c * f[i] - psi[i] - d[i] }
            w.matrix.solve(delta)
            if scaling != 1 {
                for i in 0..<n { delta[i] *= scaling }
            }
            let norm = Self.weightedRMS(delta, weights, count: n)
            if iteration > 0 {
                rate = norm / previousNorm
            }
            for i in 0..<n {
                y[i] += delta[i]
                d[i] += delta[i]
            }
            let credit = rate < 1 ? min(1, rate / (1 - rate)) : 1
            if norm == 0 || (iteration > 0 && credit * norm < tolerance) { return .converged }
            if iteration > 0 {
                if rate >= 1 { return .diverged }
                var predicted = rate / (1 - rate) * norm
                for _ in (iteration + 1)..<limit { predicted *= rate }
                if predicted > tolerance { return .diverged }
            }
            previousNorm = norm
        }
        return .diverged
    }
}

import Foundation

extension RadauIIA5 {
    /// RADAU5's own factor `h_new / h` after the last attempt, for a driver that lets methods choose
    /// their step size (the current driver uses its PI controller with ``controllerOrder`` 4
    /// instead). Pure: reads the workspace, changes nothing; call it after ``attemptStep`` (and
    /// ``completeStep``), before ``commitStep(workspace:)``. Never `nil`; optional so that it can
    /// witness a driver hook whose `nil` means "use the driver's controller".
    ///
    /// - After a diverged or singular iteration: 0.5. After predicted slow convergence: RADAU5's
    ///   factor `0.8 q^(−1/(4 + kmax − 1 − k))`.
    /// - Otherwise `1/quot` with `quot = clamp(err^(1/4) / fac, 1/8, 5)` and the safety factor
    ///   `fac = min(0.9, 0.9 (1 + 2 kmax) / (k + 2 kmax))`, which shrinks with the number `k` of
    ///   Newton iterations.
    /// - On acceptance, Gustafsson's predictive controller (Hairer & Wanner IV.8, (8.25)):
    ///   `quot = max(quot, clamp((h_acc/h) (err²/err_acc)^(1/4) / 0.9, 1/8, 5))` with the previous
    ///   accepted step's `h_acc` and `err_acc`; no growth right after a rejection; and, when the
    ///   Jacobian will be reused (`Θ ≤` ``jacobianReuseThreshold``), a factor in `[1, 1.2]` is
    ///   replaced by exactly 1 so that the factorisations are reused too.
    /// - On a rejected first step: 0.1.
    public func proposedStepFactor(workspace w: RadauWorkspace, accepted: Bool) -> Double? {
        let c = w.control.pointee
        switch c.outcome {
        case .converged:
            break
        case .slowConvergence(let factor):
            return factor
        case .diverged, .singularMatrix, .nonFinite:
            return 0.5
        }
        let safety = ControllerDefaults.radau5.safety
        let nit = Double(maximumNewtonIterations)
        let fac = min(safety, safety * (1 + 2 * nit) / (Double(c.newtonIterations) + 2 * nit))
        var quot = max(1.0 / 8, min(5, pow(c.error, 0.25) / fac))
        guard accepted else { return c.isFirst ? 0.1 : 1 / quot }
        if c.acceptedSteps >= 1 {
            let gustafsson = (c.acceptedStep / c.step) * pow(c.error * c.error / c.acceptedError, 0.25) / safety
            quot = max(quot, max(1.0 / 8, min(5, gustafsson)))
        }
        var factor = 1 / quot
        if c.afterRejection { factor = min(factor, 1) }
        if c.theta <= jacobianReuseThreshold && factor >= 1 && factor <= 1.2 { factor = 1 }
        return factor
    }
}

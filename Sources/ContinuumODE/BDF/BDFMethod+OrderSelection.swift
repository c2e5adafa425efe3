import Foundation

extension BDFMethod {
    /// After an accepted step at order `k` (the difference array already updated): once `k + 1`
    /// steps in a row were accepted at order `k`, compares the error norms that orders `k − 1`, `k`
    /// and `k + 1` would have made,
    ///
    ///     e₋ = ‖C_{k−1} Dₖ‖,   e = ‖Cₖ d‖,   e₊ = ‖C_{k+1} D_{k+2}‖   (D_{k+2} = d − d_previous),
    ///
    /// and chooses the order whose step-size factor `e^(−1/(order + 1))` is largest (scipy's rule,
    /// after Byrne & Hindmarsh and CVODE), recording the factor for
    /// ``proposedStepFactor(workspace:accepted:)``. A fixed-order method raises its order by one per
    /// step until it reaches ``maximumOrder``. The new order takes effect in ``commitStep(workspace:)``.
    @inlinable
    func decideOrder(workspace w: BDFWorkspace) {
        let c = w.control
        let k = c.pointee.order
        c.pointee.decided = false
        c.pointee.nextOrder = k
        if isOrderFixed && k < maximumOrder {
            c.pointee.nextOrder = k + 1
            return
        }
        guard c.pointee.stepsAtOrder >= k + 1 else { return }
        let n = w.dimension
        let weights = UnsafePointer(w.weights)
        let constants = coefficients.errorConstants
        var best = pow(c.pointee.error, -1 / Double(k + 1))
        var choice = k
        if !isOrderFixed && k > 1 {
            let lower = constants[k - 1] * Self.weightedRMS(w.differences[k], weights, count: n)
            let factor = pow(lower, -1 / Double(k))
            if factor >= best {
                best = factor
                choice = k - 1
            }
        }
        if !isOrderFixed && k < maximumOrder {
            let higher = constants[k + 1] * Self.weightedRMS(w.differences[k + 2], weights, count: n)
            let factor = pow(higher, -1 / Double(k + 2))
            if factor > best {
                best = factor
                choice = k + 1
            }
        }
        c.pointee.nextOrder = choice
        c.pointee.decided = true
        c.pointee.decisionFactor = min(10, newtonSafety(c.pointee.newtonIterations) * best)
    }

    /// scipy's safety factor `0.9 (2M + 1)/(2M + m)` after `m` of at most `M` Newton iterations.
    @inlinable
    func newtonSafety(_ iterations: Int) -> Double {
        let m = Double(maximumNewtonIterations)
        return 0.9 * (2 * m + 1) / (2 * m + Double(iterations))
    }

    /// The method's own factor `h_new / h` after the last attempt (scipy's `BDF` rule), for a driver
    /// that lets methods choose their step size; the current driver uses its controller instead.
    /// Pure: call it after ``attemptStep`` (and ``completeStep`` when accepted), before
    /// ``commitStep(workspace:)``. Never `nil`; optional so that it can witness a driver hook whose
    /// `nil` means "use the driver's controller".
    ///
    /// - Accepted: 1 (the step size, and so the factorisation, is kept), except when the step
    ///   ended a run of `k + 1` steps and orders were compared: then the factor of the chosen order,
    ///   `min(10, safety · e^(−1/(order + 1)))`.
    /// - Rejected by the error test: `max(0.2, safety · e^(−1/(k + 1)))`.
    /// - Rejected because the iteration failed or the candidate was not finite: 0.5.
    public func proposedStepFactor(workspace w: BDFWorkspace, accepted: Bool) -> Double? {
        let c = w.control.pointee
        guard accepted else {
            guard c.outcome == .converged else { return 0.5 }
            let factor = newtonSafety(c.newtonIterations) * pow(c.error, -1 / Double(c.order + 1))
            return max(0.2, min(factor, 1))
        }
        return c.decided ? c.decisionFactor : 1
    }
}

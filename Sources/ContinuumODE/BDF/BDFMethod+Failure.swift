extension BDFMethod {
    /// After a rejected attempt: the solve ends when diverged iterations or singular iteration
    /// matrices persist for ``failureLimit`` attempts in a row, or when the next (smallest-factor)
    /// step would reach the floating-point limit of the driver, or at once with fixed steps. Non-finite values of `f` are left
    /// to the driver, which ends the solve with `.nonFiniteState` if shrinking the step does not help.
    public func unrecoverableFailure(workspace w: BDFWorkspace) -> SolverFailure? {
        let c = w.control.pointee
        guard c.consecutiveFailures > 0, c.outcome == .diverged || c.outcome == .singularMatrix else { return nil }
        let next = abs(c.step) * controllerDefaults.minFactor
        let atLimit = 0.1 * next <= abs(c.time) * Double.ulpOfOne || next == 0
        guard c.consecutiveFailures >= failureLimit || atLimit || c.fixedStep else { return nil }
        let attempts = c.consecutiveFailures == 1 ? "1 attempt" : "\(c.consecutiveFailures) attempts in a row"
        if c.outcome == .singularMatrix {
            var finite = true
            let n = w.dimension
            for i in 0..<(n * n) where !w.jacobian[i].isFinite { finite = false }
            let what = finite
                ? "the iteration matrix I − (h/α)J was singular"
                : "the Jacobian ∂f/∂y contains NaN or infinity, so the iteration matrix I − (h/α)J was singular"
            return SolverFailure(status: .singularMatrix, reason: "\(what) in \(attempts), down to step size \(abs(c.step))")
        }
        return SolverFailure(
            status: .newtonDivergence,
            reason: "the Newton iteration of the order-\(c.order) formula diverged in \(attempts), even with a fresh Jacobian, down to step size \(abs(c.step))")
    }
}

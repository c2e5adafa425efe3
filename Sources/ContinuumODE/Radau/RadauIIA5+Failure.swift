import Foundation

extension RadauIIA5 {
    /// Records a failed iteration and returns what the driver should see for it.
    @inlinable
    func reject(_ outcome: RadauNewtonOutcome, workspace w: RadauWorkspace) -> Double {
        let c = w.control
        c.pointee.outcome = outcome
        switch outcome {
        case .converged:
            return 0
        case .slowConvergence(let factor):
            // What makes the driver's controller with ``ControllerDefaults/radau5`` (I controller,
            // safety 0.9, exponent 1/4) propose `factor`; above 1 since factor ≤ 0.8.
            return ControllerDefaults.radau5.squaredNormRequesting(factor: factor, order: controllerOrder)
        case .diverged, .singularMatrix:
            c.pointee.consecutiveFailures += 1
            return .infinity
        case .nonFinite:
            return .nan
        }
    }

    /// After a rejected attempt: the solve ends when diverged or singular iterations persist for
    /// ``failureLimit`` attempts, or when the next (smallest-factor) step would reach the
    /// floating-point limit of the driver, or at once with fixed steps.
    public func unrecoverableFailure(workspace w: RadauWorkspace) -> SolverFailure? {
        let c = w.control.pointee
        guard c.consecutiveFailures > 0, c.outcome == .diverged || c.outcome == .singularMatrix else { return nil }
        let nextStep = abs(c.step) * ControllerDefaults.radau5.minFactor
        let atLimit = 0.1 * nextStep <= abs(c.time) * Double.ulpOfOne
        guard c.consecutiveFailures >= failureLimit || atLimit || c.fixedStep else { return nil }
        let attempts = c.consecutiveFailures == 1 ? "1 attempt" : "\(c.consecutiveFailures) attempts in a row"
        switch c.outcome {
        case .singularMatrix:
            return SolverFailure(
                status: .singularMatrix,
                reason: "the iteration matrix was singular (or not finite) in \(attempts), down to step size \(abs(c.step))")
        default:
            return SolverFailure(
                status: .newtonDivergence,
                reason: "the Newton iteration diverged in \(attempts), down to step size \(abs(c.step))")
        }
    }
}

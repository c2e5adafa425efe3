import ContinuumNumerics

extension RadauIIA5 {
    /// One attempt: Jacobian and factorisations as needed, the simplified Newton iteration for the
    /// stages, the candidate `y₁ = y + Z₃` (stiffly accurate), and the filtered error estimate.
    ///
    /// A rejected iteration returns, instead of a squared error norm, either `+∞` (divergence, singular
    /// matrix: the driver shrinks the step by its smallest factor) or, when RADAU5 merely predicts
    /// slow convergence, a finite value above 1 that makes the driver's default controller shrink
    /// the step by RADAU5's factor. NaN or infinity in a stage returns NaN.
    @inlinable
    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: RadauWorkspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        let c = w.control
        if c.pointee.awaitingOutcome {
            // The previous attempt from this state was not committed: it was rejected.
            c.pointee.afterRejection = true
            c.pointee.jacobianIsOutdated = true
        }
        c.pointee.awaitingOutcome = true
        c.pointee.time = t
        c.pointee.step = h
        c.pointee.error = 0
        c.pointee.fixedStep = !estimateError
        let tolst = errorWeights(tolerance, state: w.state, count: w.dimension, into: w.scale, control: c)
        let fnewt = newtonTolerance ?? max(10 * Double.ulpOfOne / tolst, min(0.03, tolst.squareRoot()))

        if !c.pointee.jacobianIsCurrent && (c.pointee.jacobianIsOutdated || !c.pointee.hasJacobian) {
            w.jacobianEvaluator.stateJacobian(
                field, t: t, y: w.state, f0: w.derivative, into: w.jacobian, scratch: w.errorVector,
                statistics: &statistics)
            c.pointee.hasJacobian = true
            c.pointee.jacobianIsCurrent = true
            c.pointee.jacobianIsOutdated = false
            c.pointee.factoredStep = 0
        }
        if c.pointee.factoredStep != h {
            statistics.factorizations += 1
            guard factorIterationMatrices(h: h, workspace: w) else {
                c.pointee.factoredStep = 0
                return reject(.singularMatrix, workspace: w)
            }
            c.pointee.factoredStep = h
        }

        predictStages(h: h, workspace: w)
        let outcome = solveCollocation(
            field, t: t, h: h, workspace: w, stoppingTolerance: fnewt, mayReject: estimateError,
            statistics: &statistics)
        guard outcome == .converged else { return reject(outcome, workspace: w) }
        c.pointee.outcome = .converged
        c.pointee.consecutiveFailures = 0

        let n = w.dimension
        let y = w.state
        let y1 = w.candidate
        let z3 = w.z + 2 * w.stride
        for i in 0..<n { y1[i] = y[i] + z3[i] }
        guard estimateError else { return 0 }
        let error = estimateLocalError(field, t: t, h: h, workspace: w, statistics: &statistics)
        c.pointee.error = error
        return error * error
    }
}

import ContinuumNumerics
import Foundation

extension ESDIRKMethod {
    /// One attempt: the Jacobian and the factorisation of `I/(hγ) − J` as needed, the explicit
    /// first stage, one simplified Newton iteration per implicit stage, the candidate
    /// `y₁ = y + Σ bᵢ zᵢ` and the embedded error estimate.
    ///
    /// A failed iteration returns, instead of a squared error norm, `+∞` (divergence or a singular
    /// matrix with a current Jacobian: the driver shrinks the step by its smallest factor) or a
    /// finite value above 1 that makes the default controller retry with a moderately smaller step
    /// (slow convergence, or divergence with a Jacobian from an earlier step, which the retry
    /// replaces). NaN or infinity in a stage returns NaN.
    @inlinable
    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: ESDIRKWorkspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        let c = w.control
        // A second attempt from the same state means the first was rejected.
        if c.pointee.awaitingOutcome { c.pointee.jacobianIsOutdated = true }
        c.pointee.awaitingOutcome = true
        c.pointee.time = t
        c.pointee.step = h
        c.pointee.fixedStep = !estimateError
        c.pointee.largestRate = 0

        if !c.pointee.jacobianIsCurrent && (c.pointee.jacobianIsOutdated || !c.pointee.hasJacobian) {
            evaluateJacobian(field, t: t, workspace: w, statistics: &statistics)
            c.pointee.hasJacobian = true
            c.pointee.jacobianIsCurrent = true
            c.pointee.jacobianIsOutdated = false
            c.pointee.factoredStep = 0
        }
        if c.pointee.factoredStep != h {
            statistics.factorizations += 1
            guard factorIterationMatrix(h: h, workspace: w) else {
                c.pointee.factoredStep = 0
                return reject(.singularMatrix, workspace: w)
            }
            c.pointee.factoredStep = h
        }

        let n = w.dimension
        fillWeights(tolerance, workspace: w)
        c.pointee.convergenceFactor = pow(max(c.pointee.convergenceFactor, Double.ulpOfOne), 0.8)
        let z0 = w.stages[0]
        let f0 = w.derivative
        for i in 0..<n { z0[i] = h * f0[i] }
        // Hairer's floor: corrections below ~10 u/rtol are rounding noise, not slow convergence.
        let kappa = max(newtonTolerance, tolerance.relative > 0 ? 10 * Double.ulpOfOne / tolerance.relative : 0)
        for stage in 1..<program.stageCount {
            let outcome = solveStage(
                field, stage: stage, t: t, h: h, workspace: w, tolerance: kappa,
                mayReject: estimateError, statistics: &statistics)
            guard outcome == .converged else { return reject(outcome, workspace: w) }
        }
        c.pointee.outcome = .converged
        c.pointee.consecutiveFailures = 0

        let chunks = w.stride / 4
        let y = UnsafePointer(w.state)
        let z = UnsafePointer(w.stages)
        program.solution.combine(row: 0, h: 1, base: y, stages: z, chunks: chunks, into: w.candidate)
        guard estimateError else { return 0 }
        let error = w.errorVector
        program.error.combine(row: 0, h: 1, base: nil, stages: z, chunks: chunks, into: error)
        if filtersErrorEstimate {
            let scale = 1 / (h * program.gamma)
            for i in 0..<n { error[i] *= scale }
            w.matrix.solve(error)
        }
        return WeightedNorm.meanSquare(error, y, w.candidate, count: n, tolerance: tolerance)
    }

    /// Evaluates `J` at the current state. Forward differences need `f(t, y)` itself: after a
    /// stiffly accurate step the stored derivative is `zₛ/h`, which differs from `f(t, y₁)` by the
    /// iteration error times `|hλ|/h`, and that difference divided by the increment `δⱼ ≈ 10⁻⁸`
    /// would ruin the Jacobian. So `f(t, y)` is evaluated afresh in that case.
    @inlinable
    func evaluateJacobian<F: VectorField>(
        _ field: F, t: Double, workspace w: ESDIRKWorkspace, statistics: inout SolverStatistics
    ) {
        var f0 = UnsafePointer(w.derivative)
        if !w.control.pointee.derivativeIsExact && w.evaluator.source == .finiteDifferences
            && w.evaluator.differencing == .forward {
            let n = w.dimension
            field.evaluate(t, UnsafeBufferPointer(start: w.state, count: n), UnsafeMutableBufferPointer(start: w.errorVector, count: n))
            statistics.functionEvaluations += 1
            f0 = UnsafePointer(w.errorVector)
        }
        w.evaluator.stateJacobian(
            field, t: t, y: w.state, f0: f0, into: w.jacobian, scratch: w.correction, statistics: &statistics)
    }

    /// Fills the Newton norm's weights `1/(atolᵢ + rtol |yᵢ|)` (floored away from division by zero).
    @inlinable
    func fillWeights(_ tolerance: Tolerance, workspace w: ESDIRKWorkspace) {
        let y = w.state
        let inverse = w.inverseScale
        let rtol = tolerance.relative
        for i in 0..<w.dimension {
            let atol = tolerance.absoluteVector?[i] ?? tolerance.absolute
            inverse[i] = 1 / max(atol + rtol * abs(y[i]), Double.leastNormalMagnitude)
        }
    }

    /// Forms and factorises `I/(hγ) − J`; false if it is singular or not finite.
    @inlinable
    func factorIterationMatrix(h: Double, workspace w: ESDIRKWorkspace) -> Bool {
        let n = w.dimension
        let e = w.matrix.elements
        let j = UnsafePointer(w.jacobian)
        for k in 0..<(n * n) { e[k] = -j[k] }
        let diagonal = 1 / (h * program.gamma)
        for k in 0..<n { e[k * n + k] += diagonal }
        // As for Rosenbrock: only matrices singular far beyond working precision are refused;
        // milder ill-conditioning shows up as a slowly converging iteration.
        switch w.matrix.factor(nearlySingularBelow: Double.ulpOfOne * Double.ulpOfOne) {
        case .regular: return true
        case .nearlySingular, .singular, .unfactored: return false
        }
    }

    /// Records a failed attempt and returns what the driver should see for it.
    @inlinable
    func reject(_ outcome: ESDIRKNewtonOutcome, workspace w: ESDIRKWorkspace) -> Double {
        let c = w.control
        c.pointee.outcome = outcome
        let freshJacobian = c.pointee.jacobianIsCurrent
        switch outcome {
        case .converged:
            return 0
        case .slowConvergence:
            return squaredNormRequesting(factor: freshJacobian ? 0.5 : 0.8)
        case .diverged, .singularMatrix:
            c.pointee.consecutiveFailures += 1
            c.pointee.failedWithFreshJacobian = freshJacobian
            // Fixed steps: a finite norm above 1 rejects without the driver's "not finite"
            // verdict, so that ``unrecoverableFailure(workspace:)`` reports what happened (after
            // one retry with a fresh Jacobian when the failed one was stale).
            if c.pointee.fixedStep { return 2 }
            return freshJacobian || outcome == .singularMatrix ? .infinity : squaredNormRequesting(factor: 0.5)
        case .nonFinite:
            return .nan
        }
    }

    /// The squared error norm for which the driver's PI controller with ``controllerDefaults``
    /// proposes the step-size factor `factor` after a rejection.
    @inlinable
    func squaredNormRequesting(factor: Double) -> Double {
        controllerDefaults.squaredNormRequesting(factor: factor, order: controllerOrder)
    }

    /// After a rejected attempt: the solve ends when diverged or singular iterations persist for
    /// ``failureLimit`` attempts, when the next (smallest-factor) step would reach the
    /// floating-point limit of the driver, or with fixed steps once a fresh Jacobian failed too.
    public func unrecoverableFailure(workspace w: ESDIRKWorkspace) -> SolverFailure? {
        let c = w.control.pointee
        guard c.consecutiveFailures > 0, c.outcome == .diverged || c.outcome == .singularMatrix else { return nil }
        let nextStep = abs(c.step) * controllerDefaults.minFactor
        let atLimit = 0.1 * nextStep <= abs(c.time) * Double.ulpOfOne || nextStep == 0
        let fixedStepFailed = c.fixedStep && c.failedWithFreshJacobian
        guard c.consecutiveFailures >= failureLimit || atLimit || fixedStepFailed else { return nil }
        if c.outcome == .singularMatrix {
            let n = w.dimension
            var finite = true
            for k in 0..<(n * n) where !w.jacobian[k].isFinite { finite = false }
            let what = finite
                ? "the iteration matrix I/(hγ) − J was singular"
                : "the Jacobian ∂f/∂y contains NaN or infinity, so the iteration matrix I/(hγ) − J was singular"
            return SolverFailure(
                status: .singularMatrix,
                reason: "\(what) in \(c.consecutiveFailures) attempts in a row, down to step size \(abs(c.step))")
        }
        return SolverFailure(
            status: .newtonDivergence,
            reason: "the Newton iteration diverged in \(c.consecutiveFailures) attempts in a row, down to step size \(abs(c.step))")
    }
}

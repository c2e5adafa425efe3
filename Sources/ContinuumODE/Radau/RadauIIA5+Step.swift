import ContinuumNumerics
import Foundation

extension RadauIIA5 {
    /// One attempt: Jacobian and factorisations as needed, the simplified Newton iteration for the
    /// stages, the candidate `y₁ = y + Z₃` (stiffly accurate), and the filtered error estimate.
    ///
    /// A rejected iteration returns, instead of an error norm, either `+∞` (divergence, singular
    /// matrix: the driver shrinks the step by its smallest factor) or, when RADAU5 merely predicts
    /// slow convergence, a finite norm above 1 that makes the driver's default controller shrink
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
        let tolst = errorWeights(tolerance, state: w.state, count: w.dimension, into: w.scale)
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
        return error
    }

    /// Records a failed iteration and returns what the driver should see for it.
    @inlinable
    func reject(_ outcome: RadauNewtonOutcome, workspace w: RadauWorkspace) -> Double {
        let c = w.control
        c.pointee.outcome = outcome
        switch outcome {
        case .converged:
            return 0
        case .slowConvergence(let factor):
            // The norm for which the driver's controller with ``ControllerDefaults/radau5``
            // (I controller, safety 0.9, exponent 1/4) proposes `factor`; above 1 since factor ≤ 0.8.
            let d = ControllerDefaults.radau5
            let exponent = 1 / Double(controllerOrder) - 0.75 * d.beta
            return pow(d.safety / factor, 1 / exponent)
        case .diverged, .singularMatrix:
            c.pointee.consecutiveFailures += 1
            return .infinity
        case .nonFinite:
            return .nan
        }
    }

    /// Fills `scale` with RADAU5's error weights `atol'ᵢ + rtol' |yᵢ|` for the converted tolerances
    /// `rtol' = 0.1 rtol^(2/3)`, `atol' = rtol' · atol/rtol`, and returns `rtol'` (floored at
    /// 1e-12, for the Newton tolerance).
    @inlinable
    func errorWeights(
        _ tolerance: Tolerance, state y: UnsafePointer<Double>, count n: Int, into scale: UnsafeMutablePointer<Double>
    ) -> Double {
        let rtol = tolerance.relative
        guard rtol > 0 else {
            // Pure absolute tolerances stay as given.
            for i in 0..<n { scale[i] = tolerance.absoluteVector?[i] ?? tolerance.absolute }
            return 1e-12
        }
        let converted = 0.1 * pow(rtol, 2.0 / 3.0)
        let ratio = converted / rtol
        if let atol = tolerance.absoluteVector {
            for i in 0..<n { scale[i] = ratio * atol[i] + converted * abs(y[i]) }
        } else {
            let atol = ratio * tolerance.absolute
            for i in 0..<n { scale[i] = atol + converted * abs(y[i]) }
        }
        return max(converted, 1e-12)
    }

    /// Builds and factorises `γ/h − J` and `(α + iβ)/h − J`. False if either is singular.
    @inlinable
    func factorIterationMatrices(h: Double, workspace w: RadauWorkspace) -> Bool {
        let n = w.dimension
        let k = coefficients
        let j = UnsafePointer(w.jacobian)
        let real = w.realMatrix.elements
        let re = w.complexMatrix.real
        let im = w.complexMatrix.imaginary
        for index in 0..<(n * n) {
            real[index] = -j[index]
            re[index] = -j[index]
            im[index] = 0
        }
        let gammaOverH = k.gamma / h
        let alphaOverH = k.alpha / h
        let betaOverH = k.beta / h
        for i in 0..<n {
            real[i * n + i] += gammaOverH
            re[i * n + i] += alphaOverH
            im[i * n + i] = betaOverH
        }
        guard w.realMatrix.factor().isFactored else { return false }
        return w.complexMatrix.factor()
    }

    /// Starting values of the iteration: zero on the first step, else the previous step's
    /// collocation polynomial extrapolated to the new nodes (RADAU5's `STARTN = false`).
    @inlinable
    func predictStages(h: Double, workspace w: RadauWorkspace) {
        let n = w.dimension
        let m = w.stride
        let c = w.control
        let z = w.z
        let wt = w.w
        guard c.pointee.hasPredictor else {
            for i in 0..<(3 * m) {
                z[i] = 0
                wt[i] = 0
            }
            return
        }
        let k = coefficients
        let ratio = h / c.pointee.previousStep
        // u(1 + cᵢ h/h_prev) − u(1) = Σⱼ rⱼ ((1 + cᵢ ratio)ʲ − 1) with the previous step's rⱼ.
        let s1 = 1 + k.c1 * ratio, s2 = 1 + k.c2 * ratio, s3 = 1 + ratio
        let p11 = s1 - 1, p12 = s1 * s1 - 1, p13 = s1 * s1 * s1 - 1
        let p21 = s2 - 1, p22 = s2 * s2 - 1, p23 = s2 * s2 * s2 - 1
        let p31 = s3 - 1, p32 = s3 * s3 - 1, p33 = s3 * s3 * s3 - 1
        let r1 = w.predictor, r2 = r1 + m, r3 = r1 + 2 * m
        let z1 = z, z2 = z + m, z3 = z + 2 * m
        let w1 = wt, w2 = wt + m, w3 = wt + 2 * m
        for i in 0..<n {
            let a = r1[i], b = r2[i], d = r3[i]
            let u1 = p11 * a + p12 * b + p13 * d
            let u2 = p21 * a + p22 * b + p23 * d
            let u3 = p31 * a + p32 * b + p33 * d
            z1[i] = u1
            z2[i] = u2
            z3[i] = u3
            w1[i] = k.ti11 * u1 + k.ti12 * u2 + k.ti13 * u3
            w2[i] = k.ti21 * u1 + k.ti22 * u2 + k.ti23 * u3
            w3[i] = k.ti31 * u1 + k.ti32 * u2 + k.ti33 * u3
        }
    }

    /// After a rejected attempt: the solve ends when diverged or singular iterations persist for
    /// ``failureLimit`` attempts, or when the next (smallest-factor) step would reach the
    /// floating-point limit of the driver.
    public func unrecoverableFailure(workspace w: RadauWorkspace) -> SolverFailure? {
        let c = w.control.pointee
        guard c.consecutiveFailures > 0, c.outcome == .diverged || c.outcome == .singularMatrix else { return nil }
        let nextStep = abs(c.step) * ControllerDefaults.radau5.minFactor
        let atLimit = 0.1 * nextStep <= abs(c.time) * Double.ulpOfOne
        guard c.consecutiveFailures >= failureLimit || atLimit else { return nil }
        switch c.outcome {
        case .singularMatrix:
            return SolverFailure(
                status: .singularMatrix,
                reason: "the iteration matrix was singular (or not finite) in \(c.consecutiveFailures) attempts in a row, down to step size \(abs(c.step))")
        default:
            return SolverFailure(
                status: .newtonDivergence,
                reason: "the Newton iteration diverged in \(c.consecutiveFailures) attempts in a row, down to step size \(abs(c.step))")
        }
    }
}

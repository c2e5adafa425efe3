import ContinuumNumerics
import Foundation

extension BDFMethod {
    /// One attempt: rescale the history to `h` if needed, predict, solve for the correction, and
    /// estimate the error (see the type's notes). Returns the scaled error norm raised to
    /// `controllerOrder/(k + 1)`, or NaN when the iteration failed.
    @inlinable
    public func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace w: BDFWorkspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double {
        let control = w.control
        if control.pointee.awaitingOutcome {
            // The previous attempt was rejected: the run of steps at equal order starts again.
            control.pointee.stepsAtOrder = 0
        }
        control.pointee.awaitingOutcome = true
        control.pointee.time = t
        control.pointee.step = h
        control.pointee.fixedStep = !estimateError
        control.pointee.jacobianIsFresh = false
        if control.pointee.needsHistory { loadStartingHistory(t: t, h: h, workspace: w) }
        let k = control.pointee.order
        let differences = w.differences
        if h != control.pointee.scaledStep {
            differences.rescale(order: k, factor: h / control.pointee.scaledStep)
            control.pointee.scaledStep = h
        }
        let alpha = coefficients.alpha[k]
        let n = w.dimension
        let y = w.candidate
        differences.predict(order: k, gamma: coefficients.gamma, alpha: alpha, prediction: y, psi: w.psi)
        setWeights(w.weights, w.state, y, count: n, tolerance: tolerance)
        let c = h / alpha
        let tNew = t + h
        if !control.pointee.hasJacobian {
            w.evaluator.stateJacobian(
                field, t: t, y: w.state, f0: w.derivative, into: w.jacobian, scratch: w.iterateDerivative,
                statistics: &statistics)
            control.pointee.hasJacobian = true
            control.pointee.jacobianIsFresh = true
            control.pointee.factoredCoefficient = 0
        }
        let ratio = c / control.pointee.factoredCoefficient
        if !(abs(ratio - 1) <= 0.3) {
            guard factorIterationMatrix(c: c, workspace: w, statistics: &statistics) else {
                return reject(.singularMatrix, workspace: w)
            }
        }
        let newtonTolerance = newtonTolerance(tolerance)
        var outcome = solveCorrector(
            field, t: tNew, c: c, workspace: w, tolerance: newtonTolerance, reusePredicted: false, statistics: &statistics)
        if outcome == .diverged && !control.pointee.jacobianIsFresh {
            // The Jacobian may be outdated: evaluate it at the predictor and iterate again.
            differences.predict(order: k, gamma: coefficients.gamma, alpha: alpha, prediction: y, psi: w.psi)
            w.evaluator.stateJacobian(
                field, t: tNew, y: y, f0: w.predictedDerivative, into: w.jacobian, scratch: w.iterateDerivative,
                statistics: &statistics)
            control.pointee.jacobianIsFresh = true
            guard factorIterationMatrix(c: c, workspace: w, statistics: &statistics) else {
                return reject(.singularMatrix, workspace: w)
            }
            outcome = solveCorrector(
                field, t: tNew, c: c, workspace: w, tolerance: newtonTolerance, reusePredicted: true, statistics: &statistics)
        }
        guard outcome == .converged else { return reject(outcome, workspace: w) }
        control.pointee.outcome = .converged
        // Estimated also with fixed steps: the order selection compares it with the other orders'.
        setWeights(w.weights, w.state, y, count: n, tolerance: tolerance)
        let error = coefficients.errorConstants[k] * Self.weightedRMS(w.correction, w.weights, count: n)
        control.pointee.error = error
        guard estimateError else { return 0 }
        let exponent = Double(controllerOrder) / Double(k + 1)
        let norm = exponent == 1 ? error : pow(error, exponent)
        return norm * norm
    }

    /// Records a failed attempt; the NaN makes the driver reject it and shrink the step.
    @inlinable
    func reject(_ outcome: BDFAttemptOutcome, workspace w: BDFWorkspace) -> Double {
        let c = w.control
        c.pointee.outcome = outcome
        if outcome == .diverged || outcome == .singularMatrix { c.pointee.consecutiveFailures += 1 }
        return .nan
    }

    /// Forms and factorises `I − cJ`; false if it is singular (or not finite).
    @inlinable
    func factorIterationMatrix(c: Double, workspace w: BDFWorkspace, statistics: inout SolverStatistics) -> Bool {
        let n = w.dimension
        let e = w.matrix.elements
        let j = w.jacobian
        for i in 0..<(n * n) { e[i] = -c * j[i] }
        for i in 0..<n { e[i * n + i] += 1 }
        statistics.factorizations += 1
        // As in the Rosenbrock engine: only matrices singular far beyond working precision fail
        // here; milder ill-conditioning shows up as a diverging iteration.
        switch w.matrix.factor(nearlySingularBelow: Double.ulpOfOne * Double.ulpOfOne) {
        case .regular:
            w.control.pointee.factoredCoefficient = c
            return true
        case .nearlySingular, .singular, .unfactored:
            w.control.pointee.factoredCoefficient = 0
            return false
        }
    }

    /// scipy's stopping tolerance of the iteration: `max(10 u / rtol, min(0.03, √rtol))`.
    @inlinable
    func newtonTolerance(_ tolerance: Tolerance) -> Double {
        let rtol = tolerance.relative
        guard rtol > 0 else { return 0.03 }
        return max(10 * Double.ulpOfOne / rtol, min(0.03, rtol.squareRoot()))
    }

    /// `wᵢ = 1 / (atolᵢ + rtol · max(|aᵢ|, |bᵢ|))`, the weights of ``WeightedNorm``.
    @inlinable
    func setWeights(
        _ w: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        count n: Int, tolerance: Tolerance
    ) {
        let rtol = tolerance.relative
        if let atol = tolerance.absoluteVector {
            for i in 0..<n { w[i] = WeightedNorm.weight(absolute: atol[i], relative: rtol, a[i], b[i]) }
        } else {
            let atol = tolerance.absolute
            for i in 0..<n { w[i] = WeightedNorm.weight(absolute: atol, relative: rtol, a[i], b[i]) }
        }
    }

    /// `sqrt((1/n) Σ (vᵢ wᵢ)²)`.
    @inlinable
    static func weightedRMS(_ v: UnsafePointer<Double>, _ w: UnsafePointer<Double>, count n: Int) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let x = v[i] * w[i]
            sum += x * x
        }
        return (sum / Double(n)).squareRoot()
    }

    /// Tests only: fills the difference array from the exact solution at `t − j h`, `j = 0…k + 1`,
    /// and starts at order `k` = ``maximumOrder``.
    @usableFromInline
    func loadStartingHistory(t: Double, h: Double, workspace w: BDFWorkspace) {
        let c = w.control
        c.pointee.needsHistory = false
        guard let history = startingHistory else { return }
        let k = maximumOrder
        let d = w.differences
        let last = min(k + 1, d.count - 1)
        for j in 0...last {
            let value = history(t - Double(j) * h)
            value.withUnsafeBufferPointer { d[j].update(from: $0.baseAddress!, count: w.dimension) }
        }
        d.differenceValues(through: last)
        c.pointee.order = k
        c.pointee.nextOrder = k
        c.pointee.scaledStep = h
    }
}

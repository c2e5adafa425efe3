import ContinuumODE

/// The value of `L = Σᵢ ℓᵢ(q(tᵢ), p(tᵢ))` for a fixed-step splitting solve of `problem` and its
/// exact gradient with respect to the field's parameters `θ` and the initial state `(q₀, p₀)`.
///
/// The solve runs from `t0` through the loss times `times` (strictly monotone in the direction of
/// the problem, inside its span; the loss sees the state as `y = (q, p)`, `2n` values). Between two
/// consecutive loss times it takes `m = ⌈Δ/stepSize⌉` equal steps (a quotient within 1e-9 of an
/// integer counts as that integer), so every loss time is a step boundary; the steps are those of
/// `solve(problem, with: method, options: GeometricOptions(stepSize:))` when `stepSize` divides the
/// spacing.
///
/// The reverse sweep is the discrete adjoint of the splitting: every kick and drift is reversed in
/// reverse order (see ``DifferentiablePartitionedField``). With ``SplittingAdjoint/reversible`` the
/// sweep recovers the states by undoing each stage as it goes (for a symmetric method, the step
/// with `−h`), so it holds one state whatever the number of steps; the recovered states differ
/// from the forward ones only by rounding, which for a stable (e.g. integrable Hamiltonian)
/// system grows slowly with the number of steps. ``SplittingAdjoint/storingAll`` keeps every state.
/// Each costs one field evaluation and one vector-Jacobian product per stage of every step.
///
/// ```swift
/// let problem = try PartitionedProblem(pendulum, q0: [1], p0: [0], from: 0, to: 100)
/// let result = try gradient(of: SumOfSquaresLoss(), at: [25, 50, 100], for: problem,
///                           with: .yoshida4, stepSize: 0.01, adjoint: .reversible)
/// print(result.parameterGradient, result.initialStateGradient)  // ∂L/∂θ, (∂L/∂q₀, ∂L/∂p₀)
/// ```
@inlinable
public func gradient<F: DifferentiablePartitionedField, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: PartitionedProblem<F>, with method: SplittingMethod,
    stepSize: Double, adjoint: SplittingAdjoint = .reversible
) throws(SensitivityError) -> GradientResult {
    let field = problem.field
    let n = problem.degreesOfFreedom
    guard field.degreesOfFreedom == n else {
        throw .invalidProblem(.dimensionMismatch(expected: field.degreesOfFreedom, actual: n, what: "q0"))
    }
    let lossTimes = try LossTimes(times, t0: problem.t0, t1: problem.t1, dimension: 2 * n)
    let segments = try SplittingSegments(lossTimes.times, t0: problem.t0, stepSize: stepSize)
    let engine = SplittingReverse(method, field: field)
    let workspace = SplittingWorkspace(degreesOfFreedom: n)
    var statistics = GradientStatistics()
    var y = problem.q0 + problem.p0
    var states = [Double]()
    states.reserveCapacity(segments.count * 2 * n)
    var trajectory = [Double]()
    if adjoint == .storingAll {
        trajectory.reserveCapacity((segments.totalSteps + 1) * 2 * n)
        trajectory += y
    }
    // Forward.
    y.withUnsafeMutableBufferPointer { y in
        let q = UnsafeMutableBufferPointer(rebasing: y[0..<n]), p = UnsafeMutableBufferPointer(rebasing: y[n...])
        for i in 0..<segments.count {
            let (start, h, steps) = segments[i]
            if adjoint == .reversible {
                statistics.forward.functionEvaluations += method.advance(
                    field, t: start, h: h, steps: steps, q: q, p: p, workspace: workspace)
            } else {
                for k in 0..<steps {
                    statistics.forward.functionEvaluations += method.step(
                        field, t: start + Double(k) * h, h: h, q: q, p: p, workspace: workspace)
                    trajectory += y
                }
            }
            states += y
        }
    }
    statistics.forward.acceptedSteps = segments.totalSteps
    guard y.allSatisfy(\.isFinite) else {
        throw .forwardSolveFailed(.nonFiniteState, "the state became NaN or infinite")
    }
    let (value, lossGradients) = try lossTimes.evaluate(loss, states: states)
    // Reverse.
    var cotangent = [Double](repeating: 0, count: 2 * n)
    var parameterGradient = [Double](repeating: 0, count: field.parameterCount)
    var products = 0
    y.withUnsafeMutableBufferPointer { y in
        cotangent.withUnsafeMutableBufferPointer { lambda in
            parameterGradient.withUnsafeMutableBufferPointer { theta in
                trajectory.withUnsafeBufferPointer { stored in
                    let (q, p) = (y.baseAddress!, y.baseAddress! + n)
                    let (qBar, pBar) = (lambda.baseAddress!, lambda.baseAddress! + n)
                    let thetaBar = theta.baseAddress ?? UnsafeMutablePointer(qBar)
                    var step = segments.totalSteps
                    for i in stride(from: segments.count - 1, through: 0, by: -1) {
                        for k in 0..<(2 * n) { lambda[k] += lossGradients[i * 2 * n + k] }
                        let (start, h, steps) = segments[i]
                        for k in stride(from: steps - 1, through: 0, by: -1) {
                            step -= 1
                            let t = start + Double(k) * h
                            if adjoint == .reversible {
                                products += engine.reverse(
                                    t: t, h: h, q: q, p: p, coordinateCotangent: qBar, momentumCotangent: pBar,
                                    parameterGradient: thetaBar)
                            } else {
                                let base = stored.baseAddress! + step * 2 * n
                                engine.replay(t: t, h: h, q: base, p: base + n)
                                products += engine.reverseReplayed(
                                    t: t, h: h, coordinateCotangent: qBar, momentumCotangent: pBar,
                                    parameterGradient: thetaBar)
                            }
                        }
                    }
                }
            }
        }
    }
    statistics.backward.acceptedSteps = segments.totalSteps
    statistics.backward.functionEvaluations = products
    statistics.vectorJacobianProducts = products
    statistics.storedStates = adjoint == .reversible ? 1 : segments.totalSteps + 1
    guard cotangent.allSatisfy(\.isFinite), parameterGradient.allSatisfy(\.isFinite) else {
        throw .nonFiniteLoss("the adjoint became non-finite in the reverse sweep")
    }
    return GradientResult(
        loss: value, parameterGradient: parameterGradient, initialStateGradient: cotangent, states: states,
        statistics: statistics)
}

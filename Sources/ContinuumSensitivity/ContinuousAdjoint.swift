import ContinuumNumerics
import ContinuumODE

/// The backsolve, interpolating and quadrature adjoints: one backward solve per interval between
/// loss times, from the last to `t₀`; at each loss time the adjoint `a` jumps by `∂ℓᵢ/∂y`.
@inlinable
func continuousAdjointGradient<F: DifferentiableVectorField, S: ODESolver, B: ODESolver, L: TrajectoryLoss>(
    of loss: L, at times: LossTimes, for problem: ODEProblem<F>, with solver: S, backwardSolver: B,
    options: SolverOptions, method: SensitivityMethod
) throws(SensitivityError) -> GradientResult {
    let field = problem.field
    let n = field.dimension, p = field.parameterCount
    var forwardOptions = options
    forwardOptions.saveAt = times.times
    let needsInterpolant: Bool
    if case .backsolve = method { needsInterpolant = false } else { needsInterpolant = true }
    forwardOptions.denseOutput = needsInterpolant
    let forward = try solveForward(problem, with: solver, options: forwardOptions)
    let states = forward.storage
    let interpolant = forward.dense ?? DenseHistory.empty
    if needsInterpolant && interpolant.isEmpty {
        throw .unsupported("\(solver.name) kept no dense output to interpolate the forward solution")
    }
    let (value, lossGradients) = try times.evaluate(loss, states: states)

    var backwardOptions = options
    backwardOptions.saveAt = []
    backwardOptions.denseOutput = false
    backwardOptions.stopTimes = []
    backwardOptions.initialStepSize = nil
    if let atol = options.tolerance.absoluteVector {
        // The adjoint of component i is measured with the tolerance of component i.
        backwardOptions.tolerance.absoluteVector = atol + atol + [Double](repeating: atol.min() ?? 0, count: p)
    }
    var statistics = GradientStatistics()
    statistics.forward = forward.statistics
    statistics.storedStates = needsInterpolant ? forward.statistics.acceptedSteps : 0
    let parameterGradient: [Double]
    let initialStateGradient: [Double]
    switch method {
    case let .backsolve(seminorm):
        let augmented = BacksolveAdjointField(field)
        if seminorm { backwardOptions.tolerance.controlledComponents = 2 * n }
        if let atol = backwardOptions.tolerance.absoluteVector { backwardOptions.tolerance.absoluteVector = Array(atol.prefix(2 * n)) + atol.suffix(p) }
        let z = try sweepBackward(
            augmented, stateOffset: n, times: times, t0: problem.t0, lossGradients: lossGradients, initial: { i in
                Array(states[(i * n)..<((i + 1) * n)]) + Array(lossGradients[(i * n)..<((i + 1) * n)])
                    + [Double](repeating: 0, count: p)
            }, restoreState: { i, z in
                // As torchdiffeq does: the backward y restarts from the forward value at each loss time.
                for k in 0..<n { z[k] = states[i * n + k] }
            }, solver: backwardSolver, options: backwardOptions, statistics: &statistics, onSegment: { _ in })
        initialStateGradient = Array(z[n..<(2 * n)])
        parameterGradient = Array(z[(2 * n)...])
    case let .interpolating(seminorm):
        let augmented = InterpolatingAdjointField(field, forward: interpolant, includesParameters: true)
        if seminorm { backwardOptions.tolerance.controlledComponents = n }
        if let atol = options.tolerance.absoluteVector { backwardOptions.tolerance.absoluteVector = atol + [Double](repeating: atol.min() ?? 0, count: p) }
        let z = try sweepBackward(
            augmented, stateOffset: 0, times: times, t0: problem.t0, lossGradients: lossGradients, initial: { i in
                Array(lossGradients[(i * n)..<((i + 1) * n)]) + [Double](repeating: 0, count: p)
            }, restoreState: { _, _ in }, solver: backwardSolver, options: backwardOptions, statistics: &statistics,
            onSegment: { _ in })
        initialStateGradient = Array(z[0..<n])
        parameterGradient = Array(z[n...])
    default:
        let augmented = InterpolatingAdjointField(field, forward: interpolant, includesParameters: false)
        backwardOptions.denseOutput = true
        backwardOptions.tolerance.absoluteVector = options.tolerance.absoluteVector
        let quadrature = AdjointQuadrature(field, forward: interpolant)
        let z = try sweepBackward(
            augmented, stateOffset: 0, times: times, t0: problem.t0, lossGradients: lossGradients, initial: { i in
                Array(lossGradients[(i * n)..<((i + 1) * n)])
            }, restoreState: { _, _ in }, solver: backwardSolver, options: backwardOptions, statistics: &statistics,
            onSegment: { segment in quadrature.accumulate(over: segment) })
        statistics.vectorJacobianProducts += quadrature.products
        statistics.storedStates += statistics.backward.acceptedSteps
        initialStateGradient = z
        parameterGradient = quadrature.total
    }
    guard initialStateGradient.allSatisfy(\.isFinite), parameterGradient.allSatisfy(\.isFinite) else {
        throw .nonFiniteLoss("the adjoint became non-finite in the backward solve")
    }
    return GradientResult(
        loss: value, parameterGradient: parameterGradient, initialStateGradient: initialStateGradient,
        states: states, statistics: statistics)
}

/// Solves `field` backwards over each interval between loss times, from the last loss time to
/// `t₀`. `initial(last)` is the state at the last loss time; arriving at loss time `i`,
/// `restoreState(i, &z)` may reset parts of the state and `∂ℓᵢ/∂y` is added to the adjoint
/// components (at `stateOffset`). Returns the state at `t₀`.
@inlinable
func sweepBackward<G: VectorField, B: ODESolver>(
    _ field: G, stateOffset: Int, times: LossTimes, t0: Double, lossGradients: [Double],
    initial: (Int) -> [Double], restoreState: (Int, inout [Double]) -> Void, solver: B, options: SolverOptions,
    statistics: inout GradientStatistics, onSegment: (Solution) -> Void
) throws(SensitivityError) -> [Double] {
    let n = times.dimension
    let m = times.times.count
    var z = initial(m - 1)
    var i = m - 1
    // Each interval restarts the solver; the last step of one interval is a good first step for
    // the next (HINIT on every short interval would cost several small steps each).
    var previousStep: Double?
    while true {
        let start = times.times[i]
        let end = i > 0 ? times.times[i - 1] : t0
        if start != end {
            let segment: Solution
            do {
                let problem = try ODEProblem(field, y0: z, from: start, to: end)
                var segmentOptions = options
                segmentOptions.saveAt = [end]
                segmentOptions.recordStepTimes = true
                if let previousStep { segmentOptions.initialStepSize = min(previousStep, abs(end - start)) }
                segment = try solve(problem, with: solver, options: segmentOptions)
            } catch {
                throw .invalidProblem(error)
            }
            try segment.requireSuccess(backward: true)
            statistics.backward.functionEvaluations += segment.statistics.functionEvaluations
            statistics.backward.acceptedSteps += segment.statistics.acceptedSteps
            statistics.backward.rejectedSteps += segment.statistics.rejectedSteps
            statistics.backward.jacobianEvaluations += segment.statistics.jacobianEvaluations
            statistics.backward.factorizations += segment.statistics.factorizations
            statistics.vectorJacobianProducts += segment.statistics.functionEvaluations
            onSegment(segment)
            z = segment.finalState!
            let steps = segment.stepTimes
            if steps.count >= 3 {
                // The last step may have been shortened to land on the interval's end.
                previousStep = max(abs(steps[steps.count - 2] - steps[steps.count - 3]), abs(steps[steps.count - 1] - steps[steps.count - 2]))
            }
        }
        guard i > 0 else { break }
        i -= 1
        restoreState(i, &z)
        for k in 0..<n { z[stateOffset + k] += lossGradients[i * n + k] }
    }
    return z
}

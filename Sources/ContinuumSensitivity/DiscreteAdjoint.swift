import ContinuumODE

/// ``SensitivityMethod/discrete(checkpointing:)``: the forward solve steps onto every loss time;
/// the reverse sweep replays each step from a stored or recomputed state and reverses it.
@inlinable
func discreteAdjointGradient<F: DifferentiableVectorField, L: TrajectoryLoss>(
    of loss: L, at times: LossTimes, for problem: ODEProblem<F>, with method: ExplicitRungeKutta,
    options: SolverOptions, checkpointing: Checkpointing, penalty: SolverHeuristicsPenalty? = nil
) throws(SensitivityError) -> GradientResult {
    let n = problem.field.dimension
    var forwardOptions = options
    forwardOptions.stopTimes += times.times.filter { $0 != problem.t0 && $0 != problem.t1 }
    forwardOptions.denseOutput = false
    let grid: [Double]
    let states: [Double]
    var trajectory: [Double] = []
    let solution: Solution
    switch checkpointing {
    case .all:
        forwardOptions.saveAt = []
        forwardOptions.saveStart = true
        solution = try solveForward(problem, with: method, options: forwardOptions)
        grid = solution.times
        trajectory = solution.storage
        var rows = [Double]()
        rows.reserveCapacity(times.times.count * n)
        for index in try boundaryIndices(of: times.times, in: grid) {
            rows += trajectory[(index * n)..<((index + 1) * n)]
        }
        states = rows
    case let .binomial(checkpoints):
        guard checkpoints >= 1 else { throw .unsupported("binomial checkpointing needs at least one checkpoint") }
        forwardOptions.saveAt = times.times
        forwardOptions.recordStepTimes = true
        solution = try solveForward(problem, with: method, options: forwardOptions)
        grid = solution.stepTimes
        states = solution.storage
    }
    let (value, lossGradients) = try times.evaluate(loss, states: states)
    let sweep = DiscreteAdjointSweep(
        field: problem.field, method: method, grid: grid, lossTimes: times.times, lossGradients: lossGradients,
        penalty: penalty)
    sweep.statistics.forward = solution.statistics
    switch checkpointing {
    case .all:
        trajectory.withUnsafeBufferPointer { sweep.reverseStoringAll($0.baseAddress!) }
    case let .binomial(checkpoints):
        sweep.reverseWithCheckpoints(problem.y0, checkpoints: checkpoints)
    }
    guard sweep.cotangent.allSatisfy(\.isFinite), sweep.parameterGradient.allSatisfy(\.isFinite) else {
        throw .nonFiniteLoss("the adjoint became non-finite in the reverse sweep")
    }
    return GradientResult(
        loss: penalty.map { value + $0.value } ?? value, parameterGradient: sweep.parameterGradient, initialStateGradient: sweep.cotangent,
        states: states, statistics: sweep.statistics)
}

/// The index in `grid` of each loss time (the forward solve stepped onto all of them exactly).
@inlinable
func boundaryIndices(of times: [Double], in grid: [Double]) throws(SensitivityError) -> [Int] {
    var indices = [Int]()
    var j = 0
    for t in times {
        while j < grid.count && grid[j] != t { j += 1 }
        guard j < grid.count else { throw .unsupported("the forward solve did not step onto loss time \(t)") }
        indices.append(j)
    }
    return indices
}

import ContinuumODE
import ContinuumSDE

/// The value of `L = Σᵢ ℓᵢ(y(tᵢ))` for the solution of the Stratonovich SDE `problem` along one
/// Brownian `path`, and its gradient with respect to the drift's and diffusion's parameters and `y₀`.
///
/// The solve takes the equal steps of `options` (``SDEGradientOptions``); the loss times must be
/// points of that grid after `t0`. The path must answer queries in any order (a
/// ``VirtualBrownianTree`` or ``BrownianInterval``): the backward sweep walks the same path in
/// reverse. Noise must be diagonal. See ``SDESensitivityMethod`` for what each method computes.
///
/// ```swift
/// var path = VirtualBrownianTree(key: RandomKey(seed: 3), dimension: 1, from: 0, to: 1, tolerance: 1e-6)
/// let result = try sdeGradient(of: SumOfSquaresLoss(), at: [1], for: problem, path: &path,
///                              method: .reversibleHeun, options: SDEGradientOptions(stepSize: 1e-2))
/// ```
@inlinable
public func sdeGradient<F: DifferentiableVectorField, G: DifferentiableDiffusionField, P: BrownianPath, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: SDEProblem<F, G>, path: inout P,
    method: SDESensitivityMethod, options: SDEGradientOptions
) throws(SensitivityError) -> SDEGradientResult {
    let grid = try SDEGradientGrid(problem, path: path, times: times, options: options)
    let n = problem.dimension
    switch method {
    case .reversibleHeun, .reversibleHeunStoringStates:
        var sweep = ReversibleHeunBackpropagation(
            problem: problem, grid: grid, storesStates: method == .reversibleHeunStoringStates)
        let value = try sweep.forward(path: &path, loss: loss)
        sweep.backward(path: &path)
        return SDEGradientResult(
            loss: value, parameterGradient: Array(sweep.buffers.parameterGradient),
            initialStateGradient: Array(sweep.buffers.vector(2)), states: Array(sweep.buffers.lossStates),
            statistics: sweep.statistics)
    case .stochasticAdjoint:
        var sweep = StochasticAdjointSweep(problem: problem, grid: grid)
        let value = try sweep.forward(path: &path, loss: loss)
        try sweep.backward(path: &path)
        return SDEGradientResult(
            loss: value, parameterGradient: Array(sweep.buffers.parameterGradient),
            initialStateGradient: Array(sweep.buffers.vector(1).prefix(n)), states: Array(sweep.buffers.lossStates),
            statistics: sweep.statistics)
    }
}

/// The Monte Carlo estimate of `E[L]` and of its gradient: the mean of ``sdeGradient(of:at:for:path:method:options:)``
/// over `paths` (common random numbers: the same paths give the same estimate). Runs the paths in
/// turn; ``SDEGradientResult/states`` is empty.
@inlinable
public func sdeGradient<F: DifferentiableVectorField, G: DifferentiableDiffusionField, P: BrownianPath, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: SDEProblem<F, G>, paths: [P],
    method: SDESensitivityMethod, options: SDEGradientOptions
) throws(SensitivityError) -> SDEGradientResult {
    guard !paths.isEmpty else { throw .unsupported("the batch has no Brownian paths") }
    var mean = SDEGradientResult(
        loss: 0, parameterGradient: [Double](repeating: 0, count: problem.drift.parameterCount + problem.diffusion.parameterCount),
        initialStateGradient: [Double](repeating: 0, count: problem.dimension), states: [], statistics: SDEGradientStatistics())
    let weight = 1 / Double(paths.count)
    for var path in paths {
        let one = try sdeGradient(of: loss, at: times, for: problem, path: &path, method: method, options: options)
        mean.loss += weight * one.loss
        for j in mean.parameterGradient.indices { mean.parameterGradient[j] += weight * one.parameterGradient[j] }
        for i in mean.initialStateGradient.indices { mean.initialStateGradient[i] += weight * one.initialStateGradient[i] }
        mean.statistics = mean.statistics + one.statistics
    }
    return mean
}

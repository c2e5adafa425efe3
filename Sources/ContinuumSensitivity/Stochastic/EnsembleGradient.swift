import ContinuumODE
import ContinuumSDE

/// A ``TrajectoryLoss`` of zero, for forward solves whose loss gradient arrives later.
@usableFromInline
struct DeferredLoss: TrajectoryLoss {
    @usableFromInline init() {}
    @inlinable
    func evaluate(index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        gradient.update(repeating: 0)
        return 0
    }
}

/// The value and gradient of an ``EnsembleLoss`` of the batch of solutions of `problem` along
/// `paths`, by the exact algebraic adjoint of reversible Heun.
///
/// Every path is solved forwards and keeps only its final carried state; the loss sees all states
/// at the loss times; then each path is swept back on its own Brownian path with its slice of
/// `∂L/∂Y`. Memory is the batch's states at the loss times plus a constant per path. The result's
/// ``SDEGradientResult/states`` holds `Y` (path, time, component).
@inlinable
public func sdeGradient<F: DifferentiableVectorField, G: DifferentiableDiffusionField, P: BrownianPath, L: EnsembleLoss>(
    ofEnsemble loss: L, at times: [Double], for problem: SDEProblem<F, G>, paths: [P], options: SDEGradientOptions
) throws(SensitivityError) -> SDEGradientResult {
    guard let first = paths.first else { throw .unsupported("the batch has no Brownian paths") }
    let grid = try SDEGradientGrid(problem, path: first, times: times, options: options)
    let n = problem.dimension, row = times.count * n
    var sweeps: [ReversibleHeunBackpropagation<F, G>] = []
    var paths = paths
    var states = [Double](repeating: 0, count: paths.count * row)
    for p in paths.indices {
        var sweep = ReversibleHeunBackpropagation(problem: problem, grid: grid, storesStates: false)
        _ = try sweep.forward(path: &paths[p], loss: DeferredLoss())
        for k in 0..<row { states[p * row + k] = sweep.buffers.lossStates[k] }
        sweeps.append(sweep)
    }
    var cotangent = [Double](repeating: 0, count: states.count)
    let value = states.withUnsafeBufferPointer { y in
        cotangent.withUnsafeMutableBufferPointer { gradient in
            loss.evaluate(states: y, paths: paths.count, times: times.count, dimension: n, gradient: gradient)
        }
    }
    guard value.isFinite else { throw .nonFiniteLoss("the ensemble loss is \(value)") }
    var result = SDEGradientResult(
        loss: value, parameterGradient: [Double](repeating: 0, count: problem.drift.parameterCount + problem.diffusion.parameterCount),
        initialStateGradient: [Double](repeating: 0, count: n), states: states, statistics: SDEGradientStatistics())
    for p in paths.indices {
        for k in 0..<row { sweeps[p].buffers.lossGradients[k] = cotangent[p * row + k] }
        sweeps[p].backward(path: &paths[p])
        for j in result.parameterGradient.indices { result.parameterGradient[j] += sweeps[p].buffers.parameterGradient[j] }
        for i in 0..<n { result.initialStateGradient[i] += sweeps[p].buffers.vector(2)[i] }
        result.statistics = result.statistics + sweeps[p].statistics
    }
    return result
}

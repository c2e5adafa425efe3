import ContinuumNumerics
import ContinuumODE
import ContinuumSDE

/// The forward solve of an SDE gradient on its grid, shared by the sweeps: steps `scheme` from
/// `y` (which holds `y₀`; `y1` is scratch), evaluates the loss at the loss times, keeps each loss
/// gradient and state in `buffers`, and calls `afterStep(k)` once state `k` is in `y`.
@inlinable
func forwardSolve<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath, L: TrajectoryLoss>(
    _ problem: SDEProblem<F, G>, with scheme: S, grid: SDEGradientGrid, path: inout P, loss: L,
    y: UnsafeMutableBufferPointer<Double>, y1: UnsafeMutableBufferPointer<Double>, buffers: AdjointBuffers,
    workspace: SDEWorkspace, statistics: inout SDEStatistics, afterStep: (Int) -> Void
) throws(SensitivityError) -> Double {
    let n = problem.dimension
    var value = 0.0, next = 0
    for k in 1...grid.steps {
        let t = grid.time(k - 1), t1 = grid.time(k)
        path.increment(from: t, to: t1, into: workspace.dw)
        let increment = StochasticIncrement(h: t1 - t, dw: workspace.dw.readOnly, area: workspace.area.readOnly)
        _ = scheme.step(
            problem, t: t, y: y.readOnly, increment: increment, into: y1, workspace: workspace,
            statistics: &statistics, tolerance: nil)
        statistics.acceptedSteps += 1
        guard FiniteCheck.allFinite(y1.baseAddress!, count: n) else {
            throw .forwardSolveFailed(.nonFiniteState, "the state became NaN or infinite at t = \(t1)")
        }
        for i in 0..<n { y[i] = y1[i] }
        afterStep(k)
        if next < grid.lossSteps.count, grid.lossSteps[next] == k {
            value += loss.evaluate(index: next, t: t1, y: y.readOnly, gradient: buffers.lossGradient(next))
            for i in 0..<n { buffers.lossState(next)[i] = y[i] }
            next += 1
        }
    }
    guard value.isFinite else { throw .nonFiniteLoss("the loss is \(value)") }
    return value
}

import ContinuumNumerics
import ContinuumODE

/// Number of paths a worker advances together in fixed-step ensembles.
@usableFromInline let lockstepLanes = 8

/// Fixed-step solves of several paths advanced together, step by step, on the one time grid they
/// share. Each path does exactly the arithmetic of ``solve(_:with:path:options:)`` (so results are
/// bit-identical to solving it alone), but the paths' steps are independent, so the processor
/// overlaps them instead of waiting on one path's chain of dependent operations.
///
/// Writes each path's final state and failure flag into `results`; returns the summed counters.
@inlinable
func runLockstep<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ indices: Range<Int>, _ makePath: (Int) -> P,
    _ options: SDESolveOptions, _ workspaces: [SDEWorkspace], _ results: EnsembleBuffers
) -> SDEStatistics {
    let n = problem.dimension, lanes = indices.count, shape = scheme.workspaceShape
    var paths = indices.map(makePath)
    var active = [Bool](repeating: true, count: lanes)
    var statistics = SDEStatistics()
    var ys = (0..<lanes).map { workspaces[$0].state(shape.states) }
    var nexts = (0..<lanes).map { workspaces[$0].state(shape.states + 1) }
    for lane in 0..<lanes {
        for i in 0..<n { ys[lane][i] = problem.y0[i] }
        scheme.start(problem, t: problem.t0, y: ys[lane].readOnly, workspace: workspaces[lane], statistics: &statistics)
    }
    let direction = problem.direction, t1 = problem.t1, area = scheme.needsSpaceTimeArea
    var t = problem.t0, h = direction * options.stepSize, steps = 0
    while direction * (t1 - t) > 0 {
        if steps >= options.maximumSteps {
            for lane in 0..<lanes where active[lane] { results.failed[indices.lowerBound + lane] = true }
            break
        }
        var last = false
        if direction * (t + h - t1) >= 0 || abs(t1 - (t + h)) <= 1e-12 * abs(h) {
            h = t1 - t
            last = true
        }
        for lane in 0..<lanes where active[lane] {
            unowned(unsafe) let workspace = workspaces[lane]
            if area {
                paths[lane].increment(from: t, to: t + h, into: workspace.dw, area: workspace.area)
            } else {
                paths[lane].increment(from: t, to: t + h, into: workspace.dw)
            }
            let increment = StochasticIncrement(h: h, dw: workspace.dw.readOnly, area: workspace.area.readOnly)
            _ = scheme.step(problem, t: t, y: ys[lane].readOnly, increment: increment, into: nexts[lane],
                            workspace: workspace, statistics: &statistics, tolerance: nil)
        }
        t = last ? t1 : t + h
        steps += 1
        for lane in 0..<lanes where active[lane] {
            statistics.acceptedSteps += 1
            if !FiniteCheck.allFinite(nexts[lane].baseAddress!, count: n) {
                active[lane] = false
                results.failed[indices.lowerBound + lane] = true
            }
            swap(&ys[lane], &nexts[lane])
        }
    }
    for lane in 0..<lanes {
        for c in 0..<n { results.finals[(indices.lowerBound + lane) * n + c] = ys[lane][c] }
    }
    return statistics
}

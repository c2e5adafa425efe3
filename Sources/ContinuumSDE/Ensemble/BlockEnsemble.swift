import ContinuumNumerics
import ContinuumODE
import Dispatch
import Foundation

/// Paths per block of the vectorised ensemble route: a few kilobytes per buffer, so a block's
/// states, fields, increments and normals stay in the first-level cache.
@usableFromInline let blockCapacity = 256

/// The time grid of the vectorised route, or `nil` when the ensemble needs the general one: the
/// route runs Euler-Maruyama with fixed steps that stay within ``SDESolveOptions/maximumSteps``.
@inlinable
func blockGrid<F: VectorField, G: DiffusionField, S: SDEScheme>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ options: SDESolveOptions
) -> FixedGrid? {
    guard scheme is EulerMaruyama, options.tolerance == nil else { return nil }
    let grid = FixedGrid(t0: problem.t0, t1: problem.t1, stepSize: options.stepSize, limit: options.maximumSteps)
    return grid.count <= options.maximumSteps ? grid : nil
}

/// The vectorised ensemble: each worker advances its paths in blocks of up to ``blockCapacity``
/// lanes (``runBlockEulerMaruyama``), drawing the block's increments from a ``BrownianBlock``.
/// Kept paths (saved at every step) and paths whose state became NaN or infinite are solved
/// again alone with `makePath`, so their saved states, failure and counters are exactly those
/// of the single-path driver. Every path's result depends only on the key and its index.
@inlinable
func blockEnsemble<F: VectorField & Sendable, G: DiffusionField & Sendable, S: SDEScheme, P: BrownianPath, B: BrownianBlock>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ grid: FixedGrid, _ paths: Int, _ key: RandomKey, _ workers: Int?,
    _ keepingPaths: Int, _ makePath: @escaping @Sendable (Int) -> P, _ makeBlock: @escaping @Sendable (Int) -> B
) -> EnsembleResult {
    let n = problem.dimension
    let workerCount = min(paths, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    let keep = min(max(keepingPaths, 0), paths)
    let results = EnsembleBuffers(paths: paths, dimension: n, workers: workerCount, keep: keep)
    let perPath = grid.eulerMaruyamaStatistics
    let stepOptions = SDESolveOptions(stepSize: grid.stepSize)
    DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
        let range = (paths * worker / workerCount)..<(paths * (worker + 1) / workerCount)
        let workspace = SDEWorkspace(
            dimension: n, noise: problem.noise, states: scheme.workspaceShape.states + 2,
            diffusions: scheme.workspaceShape.diffusions)
        var statistics = SDEStatistics()
        func alone(_ i: Int) {
            var path = makePath(i)
            var options = stepOptions
            options.saveEveryStep = i < keep
            var solution = SDESolution(dimension: n, methodName: scheme.name)
            runSolve(problem, scheme, &path, options, workspace, &solution)
            let last = solution.count - 1
            for c in 0..<n { results.finals[i * n + c] = solution.storage[last * n + c] }
            results.failed[i] = !solution.status.isSuccess
            statistics = statistics + solution.statistics
            if i < keep { results.kept[i] = solution }
        }
        let kept = range.lowerBound..<max(range.lowerBound, min(range.upperBound, keep))
        for i in kept { alone(i) }
        let capacity = min(blockCapacity, (range.count + 3) / 4 * 4)
        guard kept.upperBound < range.upperBound else {
            results.perWorker[worker] = statistics
            return
        }
        let source = makeBlock(capacity)
        let block = BlockWorkspace(lanes: capacity, dimension: n, noise: problem.noise)
        for first in stride(from: kept.upperBound, to: range.upperBound, by: capacity) {
            let members = first..<min(first + capacity, range.upperBound)
            source.reset(key: key, paths: members)
            runBlockEulerMaruyama(problem, grid, source, block)
            for i in members {
                let state = block.y + (i - first) * n
                if FiniteCheck.allFinite(state, count: n) {
                    for c in 0..<n { results.finals[i * n + c] = state[c] }
                    statistics = statistics + perPath
                } else {
                    alone(i)
                }
            }
        }
        results.perWorker[worker] = statistics
    }
    return EnsembleResult(reducing: results, paths: paths, dimension: n, keep: keep)
}

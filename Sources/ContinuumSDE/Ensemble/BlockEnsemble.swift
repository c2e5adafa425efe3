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

/// The vectorised ensemble: the paths go in blocks of up to ``blockCapacity`` lanes, which the
/// workers take in turn and advance with ``runBlockEulerMaruyama``, drawing the block's
/// increments from a ``BrownianBlock``.
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
    let capacity = min(blockCapacity, (paths - keep + 3) / 4 * 4)
    let blocks = (paths - keep + capacity - 1) / max(capacity, 1)
    // Work items: the kept paths (item 0), then the blocks; workers take the next item as they
    // become free, so a worker slowed down by other load does less of the work.
    let queue = WorkQueue(items: blocks + 1)
    DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
        let workspace = SDEWorkspace(
            dimension: n, noise: problem.noise, states: scheme.workspaceShape.states + 2,
            diffusions: scheme.workspaceShape.diffusions)
        var statistics = SDEStatistics()
        func alone(_ i: Int) {
            statistics = statistics + solvePath(i, problem, scheme, makePath(i), stepOptions, keep: keep, workspace, results)
        }
        var source: B?, block: BlockWorkspace?
        while let item = queue.take() {
            guard item > 0 else {
                for i in 0..<keep { alone(i) }
                continue
            }
            if source == nil {
                source = makeBlock(capacity)
                block = BlockWorkspace(lanes: capacity, dimension: n, noise: problem.noise)
            }
            guard let source, let block else { continue }
            let first = keep + (item - 1) * capacity
            let members = first..<min(first + capacity, paths)
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

/// The next work item of a parallel loop, handed out under a lock (a few dozen items per run).
@usableFromInline
final class WorkQueue: @unchecked Sendable {
    let lock = NSLock()
    let items: Int
    var next = 0

    @usableFromInline
    init(items: Int) { self.items = items }

    /// The next item, or `nil` when all are taken.
    @usableFromInline
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < items else { return nil }
        next += 1
        return next - 1
    }
}

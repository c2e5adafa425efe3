import ContinuumNumerics
import ContinuumODE
import Dispatch
import Foundation

/// Which Brownian path each member of an ensemble follows.
public enum BrownianSource: Sendable, Equatable {
    /// ``SequentialBrownianPath``: fastest, forward fixed steps only.
    case sequential
    /// ``VirtualBrownianTree`` with leaves no wider than `tolerance`: reproducible at any time.
    case tree(tolerance: Double)
}

/// The outcome of an ensemble: per-component mean and variance at `t1`, the final states, and the
/// summed work counters.
public struct EnsembleResult: Sendable {
    /// Number of paths.
    public let paths: Int
    /// State dimension.
    public let dimension: Int
    /// Sample mean of each component at the final time.
    public let mean: [Double]
    /// Unbiased sample variance (divisor `N − 1`; 0 for one path) of each component.
    public let variance: [Double]
    /// Final states, row-major: path `i` at `i · dimension`.
    public let finalStates: [Double]
    /// Work counters summed over all paths.
    public let statistics: SDEStatistics
    /// Number of paths that did not reach `t1` (their last state still enters the statistics).
    public let failures: Int
    /// The first few paths with every step saved (see `keepingPaths`).
    public let keptPaths: [SDESolution]

    @usableFromInline
    init(paths: Int, dimension: Int, mean: [Double], variance: [Double], finalStates: [Double],
         statistics: SDEStatistics, failures: Int, keptPaths: [SDESolution]) {
        self.paths = paths
        self.dimension = dimension
        self.mean = mean
        self.variance = variance
        self.finalStates = finalStates
        self.statistics = statistics
        self.failures = failures
        self.keptPaths = keptPaths
    }
}

/// Result slots the workers write, each path and worker into its own entries (so no two threads
/// touch the same memory), read after all workers finished.
@usableFromInline
final class EnsembleBuffers: @unchecked Sendable {
    @usableFromInline let finals: UnsafeMutableBufferPointer<Double>
    @usableFromInline let failed: UnsafeMutableBufferPointer<Bool>
    @usableFromInline let perWorker: UnsafeMutableBufferPointer<SDEStatistics>
    @usableFromInline let kept: UnsafeMutableBufferPointer<SDESolution?>

    @usableFromInline
    init(paths: Int, dimension: Int, workers: Int, keep: Int) {
        finals = .allocate(capacity: paths * dimension)
        finals.initialize(repeating: 0)
        failed = .allocate(capacity: paths)
        failed.initialize(repeating: false)
        perWorker = .allocate(capacity: workers)
        perWorker.initialize(repeating: SDEStatistics())
        kept = .allocate(capacity: max(keep, 1))
        kept.initialize(repeating: nil)
    }

    deinit {
        finals.deallocate()
        failed.deallocate()
        perWorker.deallocate()
        kept.deinitialize()
        kept.deallocate()
    }
}

/// Solves `paths` independent copies of `problem`, path `i` driven by `key.split(i)`, in parallel
/// with `DispatchQueue.concurrentPerform` over `workers` workers (default: active processors).
///
/// Each path's result depends only on the key and its index, and the statistics are reduced in
/// path order afterwards, so the result is bit-identical for every number of workers.
///
/// Euler-Maruyama with fixed steps takes a vectorised route: blocks of paths advance together
/// (their normals drawn by Philox four keys at a time, the drift and diffusion evaluated for the
/// whole block, the update one loop over it; on a tree, one shared descent per query). Every
/// path still equals its single-path ``solve(_:with:path:options:)`` bit for bit.
///
/// ```swift
/// let result = try solveEnsemble(gbm, with: .eulerMaruyama, paths: 10_000, key: RandomKey(seed: 1),
///                                options: SDESolveOptions(stepSize: 1e-3))
/// print(result.mean, result.variance)
/// ```
@inlinable
public func solveEnsemble<F: VectorField & Sendable, G: DiffusionField & Sendable, S: SDEScheme>(
    _ problem: SDEProblem<F, G>, with scheme: S, paths: Int, key: RandomKey,
    brownian: BrownianSource = .sequential, options: SDESolveOptions, workers: Int? = nil, keepingPaths: Int = 0
) throws(SDEError) -> EnsembleResult {
    guard paths > 0 else { throw .invalidOption(name: "paths", reason: "must be positive, got \(paths)") }
    if let workers, workers < 1 { throw .invalidOption(name: "workers", reason: "must be positive, got \(workers)") }
    let m = problem.brownianDimension
    switch brownian {
    case .sequential:
        try validate(problem, scheme, SequentialBrownianPath(key: key, dimension: m), options)
        let make: @Sendable (Int) -> SequentialBrownianPath = { i in SequentialBrownianPath(key: key.split(UInt64(i)), dimension: m) }
        if let grid = blockGrid(problem, scheme, options) {
            return blockEnsemble(problem, scheme, grid, paths, key, workers, keepingPaths, make) { capacity in
                SequentialBrownianBlock(dimension: m, capacity: capacity)
            }
        }
        return ensemble(problem, scheme, paths, options, workers, keepingPaths, make)
    case let .tree(tolerance):
        guard tolerance > 0, tolerance.isFinite else {
            throw .invalidOption(name: "tolerance", reason: "the tree's tolerance must be positive, got \(tolerance)")
        }
        let area = scheme.needsSpaceTimeArea
        let (t0, t1) = (problem.t0, problem.t1)
        let make: @Sendable (Int) -> VirtualBrownianTree = { i in
            VirtualBrownianTree(key: key.split(UInt64(i)), dimension: m, from: t0, to: t1,
                                tolerance: tolerance, spaceTimeArea: area)
        }
        try validate(problem, scheme, make(0), options)
        if !area, let grid = blockGrid(problem, scheme, options) {
            return blockEnsemble(problem, scheme, grid, paths, key, workers, keepingPaths, make) { capacity in
                VirtualBrownianTreeBlock(dimension: m, capacity: capacity, from: t0, to: t1, tolerance: tolerance)
            }
        }
        return ensemble(problem, scheme, paths, options, workers, keepingPaths, make)
    }
}

/// The parallel loop: contiguous blocks of paths per worker, one workspace per worker.
@inlinable
func ensemble<F: VectorField & Sendable, G: DiffusionField & Sendable, S: SDEScheme, P: BrownianPath & Sendable>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ paths: Int, _ options: SDESolveOptions, _ workers: Int?,
    _ keepingPaths: Int, _ makePath: @escaping @Sendable (Int) -> P
) -> EnsembleResult {
    let n = problem.dimension
    let workerCount = min(paths, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    let keep = min(max(keepingPaths, 0), paths)
    let results = EnsembleBuffers(paths: paths, dimension: n, workers: workerCount, keep: keep)
    DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
        let workspaces = (0..<lockstepLanes).map { _ in
            SDEWorkspace(dimension: n, noise: problem.noise,
                         states: scheme.workspaceShape.states + 2, diffusions: scheme.workspaceShape.diffusions)
        }
        let workspace = workspaces[0]
        var statistics = SDEStatistics()
        let range = (paths * worker / workerCount)..<(paths * (worker + 1) / workerCount)
        // Fixed steps: the paths not kept for plotting go in lockstep groups (same results, faster).
        var alone = range
        if options.tolerance == nil {
            alone = range.lowerBound..<max(range.lowerBound, min(range.upperBound, keep))
            for first in stride(from: alone.upperBound, to: range.upperBound, by: lockstepLanes) {
                let group = first..<min(first + lockstepLanes, range.upperBound)
                statistics = statistics + runLockstep(problem, scheme, group, makePath, options, workspaces, results)
            }
        }
        for i in alone {
            statistics = statistics + solvePath(i, problem, scheme, makePath(i), options, keep: keep, workspace, results)
        }
        results.perWorker[worker] = statistics
    }
    return EnsembleResult(reducing: results, paths: paths, dimension: n, keep: keep)
}

/// Solves path `i` on its own and records its final state and failure (and, for the first `keep`
/// paths, its whole solution, saved at every step) in `results`; returns its counters.
@inlinable
func solvePath<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath>(
    _ i: Int, _ problem: SDEProblem<F, G>, _ scheme: S, _ path: P, _ options: SDESolveOptions, keep: Int,
    _ workspace: SDEWorkspace, _ results: EnsembleBuffers
) -> SDEStatistics {
    let n = problem.dimension
    var path = path
    var pathOptions = options
    pathOptions.saveEveryStep = i < keep
    var solution = SDESolution(dimension: n, methodName: scheme.name)
    runSolve(problem, scheme, &path, pathOptions, workspace, &solution)
    let last = solution.count - 1
    for c in 0..<n { results.finals[i * n + c] = solution.storage[last * n + c] }
    results.failed[i] = !solution.status.isSuccess
    if i < keep { results.kept[i] = solution }
    return solution.statistics
}

extension EnsembleResult {
    /// Mean and variance of the final states, reduced in path order (so independent of the workers).
    @usableFromInline
    init(reducing results: EnsembleBuffers, paths: Int, dimension n: Int, keep: Int) {
        let finals = results.finals
        var mean = [Double](repeating: 0, count: n), variance = mean
        for i in 0..<paths {
            for c in 0..<n { mean[c] += finals[i * n + c] }
        }
        for c in 0..<n { mean[c] /= Double(paths) }
        for i in 0..<paths {
            for c in 0..<n {
                let d = finals[i * n + c] - mean[c]
                variance[c] += d * d
            }
        }
        for c in 0..<n { variance[c] = paths > 1 ? variance[c] / Double(paths - 1) : 0 }
        self.init(
            paths: paths, dimension: n, mean: mean, variance: variance, finalStates: Array(finals),
            statistics: results.perWorker.reduce(SDEStatistics(), +),
            failures: results.failed.reduce(0) { $0 + ($1 ? 1 : 0) }, keptPaths: results.kept.prefix(keep).compactMap { $0 })
    }
}

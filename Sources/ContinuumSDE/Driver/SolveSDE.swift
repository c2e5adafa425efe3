import ContinuumNumerics
import ContinuumODE
import Foundation

/// Solves `problem` along `path` with `scheme`: the one driver behind every SDE method.
///
/// Fixed steps (``SDESolveOptions/tolerance`` `nil`) advance by the step size, the last one cut to
/// end at `t1`. Adaptive steps (schemes with an error estimate) are accepted when the scaled error
/// is at most 1, and the next step is `h · clamp(0.9 err^(−1/(p + ½)), 0.2, 5)` for strong order
/// `p` (no growth right after a rejection). A rejected step re-queries the *same* Brownian path over
/// the shorter interval, so the path needs ``BrownianPath/isQueryableInAnyOrder`` (a
/// ``VirtualBrownianTree``); rejection never changes the path the solution follows.
///
/// ```swift
/// var path = SequentialBrownianPath(key: RandomKey(seed: 7), dimension: problem.brownianDimension)
/// let solution = try solve(problem, with: .eulerMaruyama, path: &path, options: SDESolveOptions(stepSize: 1e-3))
/// ```
@inlinable
public func solve<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath>(
    _ problem: SDEProblem<F, G>, with scheme: S, path: inout P, options: SDESolveOptions
) throws(SDEError) -> SDESolution {
    try validate(problem, scheme, path, options)
    let workspace = SDEWorkspace(
        dimension: problem.dimension, noise: problem.noise,
        states: scheme.workspaceShape.states + 2, diffusions: scheme.workspaceShape.diffusions)
    var solution = SDESolution(dimension: problem.dimension, methodName: scheme.name)
    runSolve(problem, scheme, &path, options, workspace, &solution)
    return solution
}

/// Checks that the scheme, path and options fit the problem.
@usableFromInline
func validate<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ path: P, _ options: SDESolveOptions
) throws(SDEError) {
    try options.validate()
    try scheme.validate(problem)
    guard path.dimension == problem.brownianDimension else {
        throw .dimensionMismatch(expected: problem.brownianDimension, actual: path.dimension, what: "the Brownian path")
    }
    guard path.covers(problem.t0, problem.t1) else {
        throw .incompatiblePath(reason: "it does not cover [\(min(problem.t0, problem.t1)), \(max(problem.t0, problem.t1))]")
    }
    if scheme.needsSpaceTimeArea && !path.providesSpaceTimeArea {
        throw .incompatiblePath(reason: "\(scheme.name) needs the space-time Lévy area; build the tree with spaceTimeArea: true")
    }
    if options.tolerance != nil {
        guard scheme.hasErrorEstimate else {
            throw .unsupported(scheme: scheme.name, reason: "it has no error estimate; give no tolerance (fixed steps)")
        }
        guard path.isQueryableInAnyOrder else {
            throw .incompatiblePath(reason: "adaptive steps re-query rejected intervals; use a VirtualBrownianTree")
        }
    }
}

/// The integration loop, into a preallocated workspace (the ensemble reuses one per thread).
@inlinable
func runSolve<F: VectorField, G: DiffusionField, S: SDEScheme, P: BrownianPath>(
    _ problem: SDEProblem<F, G>, _ scheme: S, _ path: inout P, _ options: SDESolveOptions,
    _ workspace: SDEWorkspace, _ solution: inout SDESolution
) {
    let n = problem.dimension, shape = scheme.workspaceShape
    let y = workspace.state(shape.states), y1 = workspace.state(shape.states + 1)
    for i in 0..<n { y[i] = problem.y0[i] }
    let direction = problem.direction, t1 = problem.t1
    var t = problem.t0
    var h = direction * options.stepSize
    var statistics = SDEStatistics()
    var growthAllowed = true
    let area = scheme.needsSpaceTimeArea
    let exponent = -1 / (scheme.strongOrder + 0.5)
    solution.save(t, y)
    scheme.start(problem, t: t, y: y.readOnly, workspace: workspace, statistics: &statistics)
    while direction * (t1 - t) > 0 {
        if statistics.acceptedSteps + statistics.rejectedSteps >= options.maximumSteps {
            solution.fail(.maxStepsReached, at: t, "reached the maximum of \(options.maximumSteps) steps")
            break
        }
        var last = false
        if direction * (t + h - t1) >= 0 || abs(t1 - (t + h)) <= 1e-12 * abs(h) {
            h = t1 - t
            last = true
        }
        if area {
            path.increment(from: t, to: t + h, into: workspace.dw, area: workspace.area)
        } else {
            path.increment(from: t, to: t + h, into: workspace.dw)
        }
        let increment = StochasticIncrement(h: h, dw: workspace.dw.readOnly, area: workspace.area.readOnly)
        let error = scheme.step(
            problem, t: t, y: y.readOnly, increment: increment, into: y1, workspace: workspace,
            statistics: &statistics, tolerance: options.tolerance)
        if options.tolerance != nil {
            guard error.isFinite else {
                statistics.rejectedSteps += 1
                h *= 0.2
                growthAllowed = false
                if abs(h) < 1e-14 * max(abs(t), 1) {
                    solution.fail(.stepSizeUnderflow, at: t, "the step size underflowed")
                    break
                }
                continue
            }
            let factor = min(5, max(0.2, 0.9 * Foundation.pow(max(error, 1e-10), exponent)))
            if error > 1 {
                statistics.rejectedSteps += 1
                h *= factor
                growthAllowed = false
                if abs(h) < 1e-14 * max(abs(t), 1) {
                    solution.fail(.stepSizeUnderflow, at: t, "the step size underflowed")
                    break
                }
                continue
            }
            t = last ? t1 : t + h
            h *= growthAllowed ? factor : min(factor, 1)
            growthAllowed = true
        } else {
            t = last ? t1 : t + h
        }
        statistics.acceptedSteps += 1
        guard FiniteCheck.allFinite(y1.baseAddress!, count: n) else {
            solution.save(t, y1)
            solution.fail(.nonFiniteState, at: t, "the state became NaN or infinite")
            break
        }
        for i in 0..<n { y[i] = y1[i] }
        if options.saveEveryStep || direction * (t1 - t) <= 0 { solution.save(t, y) }
    }
    solution.record(statistics)
}

import ContinuumODE
import ContinuumSDE

/// The fixed grid of an SDE gradient and the steps at which loss terms are taken.
@usableFromInline
struct SDEGradientGrid {
    @usableFromInline let t0: Double, t1: Double, steps: Int
    /// Grid index of each loss time, strictly increasing, in `1...steps`.
    @usableFromInline let lossSteps: [Int]

    /// Checks the problem, path and loss times; every loss time must lie on the grid.
    @usableFromInline
    init<F: VectorField, G: DiffusionField, P: BrownianPath>(
        _ problem: SDEProblem<F, G>, path: P, times: [Double], options: SDEGradientOptions
    ) throws(SensitivityError) {
        guard case .diagonal = problem.noise else {
            throw .unsupported("the stochastic adjoints need diagonal noise, got \(problem.noise) noise")
        }
        guard options.stepSize.isFinite, options.stepSize > 0 else {
            throw .unsupported("the step size must be positive and finite, got \(options.stepSize)")
        }
        guard path.dimension == problem.brownianDimension else {
            throw .unsupported("the Brownian path has \(path.dimension) components, the problem \(problem.brownianDimension)")
        }
        guard path.isQueryableInAnyOrder, path.covers(problem.t0, problem.t1) else {
            throw .unsupported(
                "the backward sweep re-queries the path in reverse: use a VirtualBrownianTree or BrownianInterval "
                    + "covering [\(min(problem.t0, problem.t1)), \(max(problem.t0, problem.t1))]")
        }
        t0 = problem.t0
        t1 = problem.t1
        let span = t1 - t0
        steps = max(1, Int((abs(span) / options.stepSize * (1 - 1e-12)).rounded(.up)))
        guard !times.isEmpty else { throw .invalidTimes("no loss times") }
        var indices: [Int] = []
        for t in times {
            guard t.isFinite else { throw .invalidTimes("\(t) is not finite") }
            let k = Int(((t - t0) / span * Double(steps)).rounded())
            guard k >= 1, k <= steps, abs(t - Self.time(k, t0, t1, steps)) <= 1e-9 * abs(span) else {
                throw .invalidTimes("\(t) is not a point of the grid of \(steps) steps after t0 on [\(t0), \(t1)]")
            }
            if let last = indices.last, k <= last { throw .invalidTimes("the loss times must increase along the span") }
            indices.append(k)
        }
        lossSteps = indices
    }

    /// Grid time `k` (bit-identical whichever way the grid is walked).
    @inlinable
    static func time(_ k: Int, _ t0: Double, _ t1: Double, _ steps: Int) -> Double {
        k == steps ? t1 : t0 + (t1 - t0) * (Double(k) / Double(steps))
    }

    @inlinable
    func time(_ k: Int) -> Double { Self.time(k, t0, t1, steps) }
}

import ContinuumNumerics
import ContinuumODE
import Foundation

extension ProbabilityFlow {
    /// Draws `n` samples by solving the flow backwards from `T` to `0` from `n` draws of the prior
    /// (`prior(i)` is the `i`-th starting point), with any ODE `method` (adaptive methods report their
    /// evaluations in ``SamplerResult/functionEvaluations``). Runs in parallel; the result does not
    /// depend on the number of workers. Keeps `keepingTrajectories` paths saved at `trajectoryPoints` times.
    public func sample<S: ODESolver>(
        _ n: Int, prior: @escaping @Sendable (Int) -> [Double], method: S,
        options: SolverOptions = SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-8),
        keepingTrajectories: Int = 0, trajectoryPoints: Int = 50, workers: Int? = nil
    ) throws(DiffusionError) -> SamplerResult {
        guard n > 0 else { throw .invalidParameter(name: "n", reason: "must be positive, got \(n)") }
        let d = dimension
        let finalTime = sde.finalTime
        let values = SharedBuffer<Double>(count: n * d, repeating: .nan)
        let evaluations = SharedBuffer<Int>(count: n, repeating: 0)
        let keep = min(keepingTrajectories, n)
        let kept = SharedBuffer<[(t: Double, x: [Double])]>(count: max(keep, 1), repeating: [])
        let grid = (0...max(trajectoryPoints - 1, 1)).map { finalTime * (1 - Double($0) / Double(max(trajectoryPoints - 1, 1))) }
        let base = self
        forEachChunk(n, workers: workers) { range in
            let field = base.copy()
            for i in range {
                var pathOptions = options
                pathOptions.saveAt = i < keep ? grid : [0]
                pathOptions.saveStart = false
                guard let problem = try? ODEProblem(field, y0: prior(i), from: finalTime, to: 0),
                      let solution = try? solve(problem, with: method, options: pathOptions) else { continue }
                evaluations.buffer[i] = solution.statistics.functionEvaluations
                guard solution.status == .success, let end = solution.finalState else { continue }
                for j in 0..<d { values.buffer[i * d + j] = end[j] }
                if i < keep { kept.buffer[i] = (0..<solution.count).map { (solution.times[$0], solution[$0]) } }
            }
        }
        let points = values.array
        let failures = (0..<n).filter { i in (0..<d).contains { !points[i * d + $0].isFinite } }.count
        return SamplerResult(samples: SampleSet(dimension: d, values: points),
                             functionEvaluations: evaluations.array.reduce(0, +), failures: failures,
                             trajectories: keep > 0 ? Array(kept.array.prefix(keep)) : [])
    }
}

import ContinuumNumerics
import ContinuumODE
import Foundation

/// A log-likelihood computed through the probability-flow ODE.
public struct LikelihoodEstimate: Sendable, Equatable {
    /// `log p₀(x)` in nats (the mean over probes for Hutchinson).
    public let logLikelihood: Double
    /// Standard error of ``logLikelihood`` over the Hutchinson probes (0 for the exact divergence).
    public let standardError: Double
    /// `−log p₀(x) / (d ln 2)`: the negative log-likelihood in bits per dimension.
    public let bitsPerDimension: Double
    /// Evaluations of the augmented field.
    public let functionEvaluations: Int
    /// How the solve ended.
    public let status: SolutionStatus
}

/// Exact log-likelihoods by the instantaneous change of variables (Chen et al. 2018, Song et al. 2021):
/// along the probability flow `d log pₜ(x(t))/dt = −∇·v`, so
/// `log p₀(x) = log p_T(x(T)) + ∫₀ᵀ ∇·v(x(t), t) dt`, integrated from `x(0) = x` with the ODE.
///
/// With the exact prior `log p_T` (the diffused mixture's own marginal for ``MixtureScore``), the
/// only error left is the solver's.
public struct ProbabilityFlowLikelihood<Score: ScoreWithJacobian>: Sendable {
    /// The flow.
    public let flow: ProbabilityFlow<Score>
    /// `log p_T` at the end of the flow.
    public let priorLogDensity: @Sendable ([Double]) -> Double

    /// The likelihood of `flow` with the prior `priorLogDensity` at the final time.
    public init(flow: ProbabilityFlow<Score>, priorLogDensity: @escaping @Sendable ([Double]) -> Double) {
        self.flow = flow
        self.priorLogDensity = priorLogDensity
    }

    /// `log p₀(x)` of one point. `index` picks the Hutchinson probes (`key.split(index)`).
    public func logLikelihood<S: ODESolver>(
        of x: [Double], index: Int = 0, divergence: DivergenceEstimator = .exact, method: S,
        options: SolverOptions = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
    ) throws(DiffusionError) -> LikelihoodEstimate {
        let d = flow.dimension
        guard x.count == d else { throw .dimensionMismatch(expected: d, actual: x.count, what: "point") }
        guard x.allSatisfy(\.isFinite) else { throw .invalidParameter(name: "point", reason: "not finite") }
        if case let .hutchinson(m, _, _) = divergence, m < 2 {
            throw .invalidParameter(name: "probes", reason: "Hutchinson needs at least 2 probes for a standard error, got \(m)")
        }
        let field = LikelihoodField(flow: flow, probes: divergence.probes(dimension: d, index: index))
        let m = field.integrals
        var solveOptions = options
        solveOptions.saveAt = [flow.sde.finalTime]
        solveOptions.saveStart = false
        let solution: Solution
        do {
            let problem = try ODEProblem(field, y0: x + [Double](repeating: 0, count: m), from: 0, to: flow.sde.finalTime)
            solution = try solve(problem, with: method, options: solveOptions)
        } catch {
            throw .invalidParameter(name: "solver options", reason: "\(error)")
        }
        guard solution.status == .success, let end = solution.finalState else {
            return LikelihoodEstimate(logLikelihood: .nan, standardError: .nan, bitsPerDimension: .nan,
                                      functionEvaluations: solution.statistics.functionEvaluations, status: solution.status)
        }
        let prior = priorLogDensity(Array(end[0..<d]))
        let integrals = end[d...].map { prior + $0 }
        let mean = integrals.reduce(0, +) / Double(m)
        var standardError = 0.0
        if m > 1 {
            let variance = integrals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(m - 1)
            standardError = (variance / Double(m)).squareRoot()
        }
        return LikelihoodEstimate(logLikelihood: mean, standardError: standardError,
                                  bitsPerDimension: -mean / (Double(d) * log(2.0)),
                                  functionEvaluations: solution.statistics.functionEvaluations, status: solution.status)
    }

    /// The log-likelihoods of all `points`, in parallel (point `i` uses probe key split `i`).
    public func logLikelihoods<S: ODESolver>(
        of points: SampleSet, divergence: DivergenceEstimator = .exact, method: S,
        options: SolverOptions = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10), workers: Int? = nil
    ) throws(DiffusionError) -> [LikelihoodEstimate] {
        guard points.dimension == flow.dimension else {
            throw .dimensionMismatch(expected: flow.dimension, actual: points.dimension, what: "points")
        }
        let failed = LikelihoodEstimate(logLikelihood: .nan, standardError: .nan, bitsPerDimension: .nan,
                                        functionEvaluations: 0, status: .nonFiniteState)
        let results = SharedBuffer<LikelihoodEstimate>(count: points.count, repeating: failed)
        let errors = SharedBuffer<DiffusionError?>(count: points.count, repeating: nil)
        let copy = ProbabilityFlowLikelihood(flow: flow.copy(), priorLogDensity: priorLogDensity)
        forEachChunk(points.count, workers: workers) { range in
            let local = ProbabilityFlowLikelihood(flow: copy.flow.copy(), priorLogDensity: copy.priorLogDensity)
            for i in range {
                do throws(DiffusionError) {
                    results.buffer[i] = try local.logLikelihood(of: Array(points[i]), index: i, divergence: divergence,
                                                                method: method, options: options)
                } catch {
                    errors.buffer[i] = error
                }
            }
        }
        if let error = errors.array.lazy.compactMap({ $0 }).first { throw error }
        return results.array
    }
}

extension ProbabilityFlowLikelihood where Score == MixtureScore {
    /// The exact-score likelihood of a Gaussian mixture under `sde`, with its exact marginal at `T`
    /// as the prior.
    public init(mixture: GaussianMixture, sde: ForwardSDE, gauge: Gauge? = nil) throws(DiffusionError) {
        let score = MixtureScore(mixture: mixture, sde: sde)
        let flow = try ProbabilityFlow(sde: sde, score: score, gauge: gauge)
        let finalTime = sde.finalTime
        self.init(flow: flow) { x in score.logDensity(x, at: finalTime) }
    }
}

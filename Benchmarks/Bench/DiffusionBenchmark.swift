import Continuum
import Foundation
import _AllocationCounter

/// Diffusion-model benchmarks (release).
///
/// `continuum-bench diffusion-likelihood [--points 1000] [--rtol 1e-5] [--repeat 5] [--workers N]`:
/// the exact log-likelihood through the VP probability-flow ODE (Dopri5, atol = rtol/100, exact
/// divergence) of the points `(4 sin 1.3i, 3 cos 0.7i)` under the 3-Gaussian mixture of
/// Benchmarks/peers/likelihood_diffrax.py, the same computation as that peer. One JSON line.
///
/// `continuum-bench diffusion-bars [--n 20000]`: the sampling bars at full size: energy distance of
/// PF-ODE (gauge 0 and 0.5), reverse-SDE and predictor-corrector samples to exact samples against a
/// second exact set (z-scores), and the largest likelihood error at rtol 1e-8 for every forward SDE.
enum DiffusionBenchmark {
    static let mixture = try! GaussianMixture(
        weights: [0.3, 0.5, 0.2], means: [[-2, 0], [2, 1], [0, -2.5]],
        covariances: [[0.5, 0.2, 0.2, 0.4], [0.3, -0.1, -0.1, 0.6], [0.8, 0, 0, 0.2]])

    static func points(_ n: Int) -> SampleSet {
        SampleSet(dimension: 2, values: (0..<n).flatMap { i in [4 * sin(1.3 * Double(i)), 3 * cos(0.7 * Double(i))] })
    }

    static func likelihood(_ arguments: [String]) throws -> String? {
        let given = try benchmarkOptions(arguments, mode: "diffusion-likelihood")
        let n = Int(given["points"] ?? "1000") ?? 1000, repeats = Int(given["repeat"] ?? "5") ?? 5
        let rtol = Double(given["rtol"] ?? "1e-5") ?? 1e-5
        let workers = given["workers"].flatMap { Int($0) }
        let points = points(n)
        let model = try ProbabilityFlowLikelihood(mixture: mixture, sde: .variancePreserving)
        let solverOptions = SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol / 100)
        var estimates = try model.logLikelihoods(of: points, method: .dopri5, options: solverOptions, workers: workers)
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            estimates = try model.logLikelihoods(of: points, method: .dopri5, options: solverOptions, workers: workers)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        }
        let before = continuum_allocation_count()
        _ = try model.logLikelihood(of: Array(points[0]), method: ExplicitRungeKutta.dopri5, options: solverOptions)
        let allocations = continuum_allocation_count() - before
        let exact = MixtureScore(mixture: mixture, sde: .variancePreserving)
        let errors = (0..<n).map { abs(estimates[$0].logLikelihood - exact.logDensity(Array(points[$0]), at: 0)) }
        return JSONText.object([
            ("median_s", JSONText.number(times.sorted()[times.count / 2])),
            ("mean_log_likelihood", JSONText.number(estimates.map(\.logLikelihood).reduce(0, +) / Double(n))),
            ("max_error", JSONText.number(errors.max() ?? .nan)),
            ("evaluations", String(estimates.map(\.functionEvaluations).reduce(0, +))),
            ("allocations_per_point", String(allocations)), ("points", String(n)), ("rtol", JSONText.number(rtol)),
            ("workers", String(workers ?? ProcessInfo.processInfo.activeProcessorCount)),
            ("library", JSONText.string("Continuum")),
        ])
    }

    static func bars(_ arguments: [String]) throws -> String? {
        let n = Int(try benchmarkOptions(arguments, mode: "diffusion-bars")["n"] ?? "20000") ?? 20000
        let sde = ForwardSDE.variancePreserving
        let score = MixtureScore(mixture: mixture, sde: sde)
        let reference = mixture.samples(n, key: RandomKey(seed: 101))
        let control = mixture.samples(n, key: RandomKey(seed: 102))
        let start = mixture.samples(n, key: RandomKey(seed: 103), at: sde.finalTime, of: sde)
        let prior: @Sendable (Int) -> [Double] = { Array(start[$0]) }
        var fields: [(String, String)] = [("n", String(n))]
        func report(_ name: String, _ result: SamplerResult, seconds: Double) {
            let c = EnergyDistance.compare(result.samples, with: reference, control: control)
            fields.append((name, JSONText.object([
                ("energy_distance", JSONText.number(c.candidate)), ("control", JSONText.number(c.control)),
                ("standard_error", JSONText.number(c.standardError)), ("z", JSONText.number(c.zScore)),
                ("evaluations", String(result.functionEvaluations)), ("seconds", JSONText.number(seconds)),
            ])))
        }
        for gauge in [0.0, 0.5] {
            let flow = try ProbabilityFlow(sde: sde, score: score, gauge: gauge == 0 ? nil : .planar(gauge))
            let clock = DispatchTime.now().uptimeNanoseconds
            let result = try flow.sample(n, prior: prior, method: ExplicitRungeKutta.dopri5)
            report("pf_ode_gauge_\(gauge)", result, seconds: Double(DispatchTime.now().uptimeNanoseconds - clock) * 1e-9)
        }
        for (name, sampler) in [("reverse_sde_em_1000", try ReverseSDESampler(steps: 1000)),
                                ("pc_500_snr_0.1", try ReverseSDESampler(steps: 500, corrector: .langevin(snr: 0.1, steps: 1)))] {
            let clock = DispatchTime.now().uptimeNanoseconds
            let result = try sampler.sample(n, sde: sde, score: score, prior: prior, key: RandomKey(seed: 7))
            report(name, result, seconds: Double(DispatchTime.now().uptimeNanoseconds - clock) * 1e-9)
        }
        let check = points(200)
        for (name, forward) in [("vp", ForwardSDE.variancePreserving), ("ve", .varianceExploding),
                                ("subvp", .subVariancePreserving), ("ou", .ornsteinUhlenbeck)] {
            let model = try ProbabilityFlowLikelihood(mixture: mixture, sde: forward)
            let estimates = try model.logLikelihoods(of: check, method: .dopri5)
            let exact = MixtureScore(mixture: mixture, sde: forward)
            let error = (0..<check.count).map { abs(estimates[$0].logLikelihood - exact.logDensity(Array(check[$0]), at: 0)) }.max()!
            fields.append(("likelihood_max_error_rtol_1e-8_\(name)", JSONText.number(error)))
        }
        return JSONText.object(fields)
    }
}

import Continuum
import Foundation

/// `continuum likelihood`: the log-likelihood of 2-D points through the probability-flow ODE with
/// the instantaneous change of variables, under an exact mixture score.
enum LikelihoodCommand: Subcommand {
    static let name = "likelihood"
    static let summary = """
        Log-likelihood log p0(x) of each point of a CSV file under a 2-D data distribution, computed as a \
        diffusion model does: integrate the probability-flow ODE from t = 0 to T with the augmented state \
        [x, integral of div v], then log p0(x) = log pT(x(T)) + integral. The score and the prior pT are the \
        exact ones of the diffused mixture, so the only error is the ODE solver's (below 1e-6 nats at the \
        default rtol 1e-8). --divergence exact (default) uses the trace of the Jacobian; hutchinson uses \
        --probes Rademacher probes fixed along the path (seed S split by point) and reports their standard error.

        \(DiffusionInputs.mixtureHelp)
        \(DiffusionInputs.dataHelp)
        SDEs: \(DiffusionInputs.sdeHelp).

        Output: CSV on standard output with the header exactly
          x,y,log_likelihood,standard_error,bits_per_dim
        one line per input point in input order: the point, log p0 in nats, its standard error (0 for the \
        exact divergence), and -log p0 / (2 ln 2). A point whose solve fails gets nan and exit status 1.
        """
    static let usage = """
        continuum likelihood --mixture SPEC | --data points.csv --points P.csv [--sde vp|ve|subvp|ou] \
        [--divergence exact|hutchinson] [--probes 16] [--seed 0] [--method dopri5] [--rtol 1e-8]
        """
    static let options = [
        OptionSpec(name: "mixture", value: "SPEC", help: "data distribution, a Gaussian mixture (see above)"),
        OptionSpec(name: "data", value: "FILE.csv", help: "data points (header x,y), smoothed into a kernel density"),
        OptionSpec(name: "points", value: "P.csv", help: "points to evaluate (header x,y)"),
        OptionSpec(name: "sde", value: "NAME", help: "forward SDE: vp (default), ve, subvp or ou"),
        OptionSpec(name: "divergence", value: "exact|hutchinson", help: "divergence of the flow (default exact)"),
        OptionSpec(name: "probes", value: "M", help: "hutchinson: probes per point, at least 2 (default 16)"),
        OptionSpec(name: "seed", value: "S", help: "hutchinson: random seed (default 0)"),
        OptionSpec(name: "method", value: "NAME", help: "explicit Runge-Kutta method (default dopri5)"),
        OptionSpec(name: "rtol", value: "TOL", help: "relative tolerance (default 1e-8; atol = rtol/100)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let mixture = try DiffusionInputs.distribution(arguments)
        let sde = try DiffusionInputs.sde(arguments)
        guard let path = arguments["points"] else { throw UsageError("--points P.csv is required") }
        let points = try DiffusionInputs.points(path, option: "points")
        let rtol = try arguments.number("rtol") ?? 1e-8
        guard rtol > 0 else { throw UsageError("--rtol must be positive") }
        let divergence: DivergenceEstimator
        switch arguments["divergence"] ?? "exact" {
        case "exact": divergence = .exact
        case "hutchinson":
            let probes = try DiffusionInputs.count(arguments, "probes", default: 16)
            guard probes >= 2 else { throw UsageError("--probes: need at least 2 for a standard error") }
            divergence = .hutchinson(probes: probes, distribution: .rademacher, key: RandomKey(seed: try DiffusionInputs.seed(arguments)))
        case let other: throw UsageError("--divergence: '\(other)' is not exact or hutchinson")
        }
        let likelihood = try ProbabilityFlowLikelihood(mixture: mixture, sde: sde)
        let estimates = try likelihood.logLikelihoods(
            of: points, divergence: divergence, method: try DiffusionInputs.method(arguments),
            options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol / 100))
        var text = "x,y,log_likelihood,standard_error,bits_per_dim\n"
        for (i, estimate) in estimates.enumerated() {
            text += CSVText.record([points.values[2 * i], points.values[2 * i + 1], estimate.logLikelihood,
                                    estimate.standardError, estimate.bitsPerDimension].map(CSVText.number)) + "\n"
        }
        print(text, terminator: "")
        let failed = estimates.filter { $0.status != .success }.count
        if failed > 0 { printError("continuum likelihood: \(failed) of \(estimates.count) solves failed") }
        return failed == 0 ? 0 : 1
    }
}

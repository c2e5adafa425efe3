import Continuum
import Foundation

/// `continuum sample`: samples of a 2-D data distribution drawn by a score-based diffusion sampler
/// with the exact score, written as CSV with a figure.
enum SampleCommand: Subcommand {
    static let name = "sample"
    static let summary = """
        Draw N samples of a 2-D distribution by running a diffusion model backwards with the exact score \
        of the distribution's diffused marginals: the probability-flow ODE (pf-ode, adaptive, any explicit \
        Runge-Kutta method; --gauge a rotates the flow by A = a[[0,1],[-1,0]], which keeps the marginals), \
        the reverse SDE by Euler-Maruyama (reverse-sde) or predictor-corrector with a Langevin corrector \
        (pc, step 2 snr^2 s(t)^2). Starting points are exact draws of the marginal at T; sample i uses \
        seed S split i, so the output does not depend on the number of threads.

        \(DiffusionInputs.mixtureHelp)
        \(DiffusionInputs.dataHelp)
        SDEs: \(DiffusionInputs.sdeHelp).

        --score learned trains an MLP (3-64-64-2, swish) by denoising score matching with the s(t)^2 \
        weighting on the --data points (or 20000 draws of the --mixture) and samples with it instead; the \
        starting points stay exact draws of the marginal at T.

        Writes DIR/samples.csv (header exactly `x,y`, one sample per line) and DIR/samples.svg (the samples \
        over contours of the data density and 8 trajectories from T to 0), and prints one line:
          # continuum sample: SAMPLER, SDE, n = N, seed = S, evaluations = F, failures = K, score = exact|learned (DSM loss L)
        """
    static let usage = """
        continuum sample --mixture SPEC | --data points.csv [--sampler pf-ode|reverse-sde|pc] [--sde vp|ve|subvp|ou] \
        [--gauge A] [--n 2000] [--seed 0] [--method dopri5] [--rtol 1e-6] [--steps 500] [--snr 0.1] [--score exact|learned] [--train-steps 3000] --out DIR
        """
    static let options = [
        OptionSpec(name: "mixture", value: "SPEC", help: "data distribution, a Gaussian mixture (see above)"),
        OptionSpec(name: "data", value: "FILE.csv", help: "data points (header x,y), smoothed into a kernel density"),
        OptionSpec(name: "sampler", value: "NAME", help: "pf-ode (default), reverse-sde or pc"),
        OptionSpec(name: "sde", value: "NAME", help: "forward SDE: vp (default), ve, subvp or ou"),
        OptionSpec(name: "gauge", value: "A", help: "pf-ode only: rotate the flow by A = a[[0,1],[-1,0]] (default 0)"),
        OptionSpec(name: "n", value: "N", help: "number of samples (default 2000)"),
        OptionSpec(name: "seed", value: "S", help: "random seed, a non-negative integer (default 0)"),
        OptionSpec(name: "method", value: "NAME", help: "pf-ode: explicit Runge-Kutta method (default dopri5)"),
        OptionSpec(name: "rtol", value: "TOL", help: "pf-ode: relative tolerance (default 1e-6; atol = rtol/100)"),
        OptionSpec(name: "steps", value: "K", help: "reverse-sde/pc: steps from T to 0 (default 500)"),
        OptionSpec(name: "snr", value: "R", help: "pc: signal-to-noise ratio of the Langevin corrector (default 0.1)"),
        OptionSpec(name: "score", value: "exact|learned", help: "exact score (default) or an MLP trained by denoising score matching"),
        OptionSpec(name: "train-steps", value: "K", help: "learned: Adam steps of 256 samples (default 3000)"),
        OptionSpec(name: "out", value: "DIR", help: "output directory (created if missing)"),
        OptionSpec(name: "help", value: nil, help: "show this help"),
    ]

    static func run(_ arguments: ParsedArguments) throws -> Int32 {
        let mixture = try DiffusionInputs.distribution(arguments)
        let sde = try DiffusionInputs.sde(arguments)
        guard let out = arguments["out"] else { throw UsageError("--out DIR is required") }
        let n = try DiffusionInputs.count(arguments, "n", default: 2000)
        let seed = try DiffusionInputs.seed(arguments)
        let sampler = arguments["sampler"] ?? "pf-ode"
        let gauge = try arguments.number("gauge") ?? 0
        guard ["pf-ode", "reverse-sde", "pc"].contains(sampler) else {
            throw UsageError("--sampler: unknown sampler '\(sampler)' (pf-ode, reverse-sde, pc)")
        }
        guard gauge == 0 || sampler == "pf-ode" else { throw UsageError("--gauge applies to the pf-ode sampler only") }
        let key = RandomKey(seed: seed)
        let start = mixture.samples(n, key: key.split(0), at: sde.finalTime, of: sde)
        let prior: @Sendable (Int) -> [Double] = { Array(start[$0]) }
        let result: SamplerResult
        var scoreLabel = "exact"
        switch arguments["score"] ?? "exact" {
        case "exact":
            result = try draw(MixtureScore(mixture: mixture, sde: sde), sde: sde, n: n, prior: prior, key: key, arguments)
        case "learned":
            var training = DenoisingScoreMatching()
            training.steps = try DiffusionInputs.count(arguments, "train-steps", default: 3000)
            let data = try arguments["data"].map { try DiffusionInputs.points($0, option: "data") }
                ?? mixture.samples(20_000, key: key.split(2))
            let (learned, losses) = try training.train(on: data, sde: sde, key: key.split(3))
            scoreLabel = "learned (DSM loss \(CSVText.number(losses.suffix(100).reduce(0, +) / Double(min(100, losses.count)))))"
            result = try draw(learned, sde: sde, n: n, prior: prior, key: key, arguments)
        case let other:
            throw UsageError("--score: '\(other)' is not exact or learned")
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var csv = "x,y\n"
        for i in 0..<result.samples.count {
            csv += CSVText.record([CSVText.number(result.samples.values[2 * i]), CSVText.number(result.samples.values[2 * i + 1])]) + "\n"
        }
        try AtomicFile.write(csv, to: (out as NSString).appendingPathComponent("samples.csv"))
        try DiffusionFigure.write(result, mixture: mixture, title: "\(sampler), \(arguments["sde"] ?? "vp")" + (gauge == 0 ? "" : ", gauge \(gauge)"),
                                  to: (out as NSString).appendingPathComponent("samples.svg"))
        print("# continuum sample: \(sampler), \(arguments["sde"] ?? "vp"), n = \(n), seed = \(seed), "
              + "evaluations = \(result.functionEvaluations), failures = \(result.failures), score = \(scoreLabel)")
        return result.failures == 0 ? 0 : 1
    }

    /// Runs the chosen sampler with `score`.
    static func draw<Score: ScoreFunction>(_ score: Score, sde: ForwardSDE, n: Int, prior: @escaping @Sendable (Int) -> [Double],
                                           key: RandomKey, _ arguments: ParsedArguments) throws -> SamplerResult {
        let gauge = try arguments.number("gauge") ?? 0
        switch arguments["sampler"] ?? "pf-ode" {
        case "pf-ode":
            let rtol = try arguments.number("rtol") ?? 1e-6
            guard rtol > 0 else { throw UsageError("--rtol must be positive") }
            let flow = try ProbabilityFlow(sde: sde, score: score, gauge: gauge == 0 ? nil : .planar(gauge))
            return try flow.sample(n, prior: prior, method: try DiffusionInputs.method(arguments),
                                   options: SolverOptions(relativeTolerance: rtol, absoluteTolerance: rtol / 100),
                                   keepingTrajectories: 8)
        case let sampler:
            let steps = try DiffusionInputs.count(arguments, "steps", default: 500)
            let snr = try arguments.number("snr") ?? 0.1
            let corrector: ReverseSDESampler.Corrector = sampler == "pc" ? .langevin(snr: snr, steps: 1) : .none
            return try ReverseSDESampler(steps: steps, corrector: corrector)
                .sample(n, sde: sde, score: score, prior: prior, key: key.split(1), keepingTrajectories: 8)
        }
    }
}

import Continuum
import Foundation

/// `continuum-bench diffusion-learned [--n 20000] [--steps 4000] [--batch 256]`: trains a learned
/// score by denoising score matching on n exact samples of the 3-Gaussian mixture (MLP 3-64-64-2,
/// swish, Adam), then draws n samples with the PF-ODE (Dopri5, rtol 1e-6) from the same prior
/// points with the learned and with the exact score. One JSON line: training time and final loss,
/// the energy distance between the learned-score and exact-score samples (with its jackknife
/// standard error), and the comparison of the learned-score samples with exact data.
enum DiffusionLearnedBenchmark {
    static func run(_ arguments: [String]) throws -> String? {
        let given = try benchmarkOptions(arguments, mode: "diffusion-learned")
        let n = Int(given["n"] ?? "20000") ?? 20000
        var training = DenoisingScoreMatching()
        training.steps = Int(given["steps"] ?? "4000") ?? 4000
        training.batchSize = Int(given["batch"] ?? "256") ?? 256
        let sde = ForwardSDE.variancePreserving
        let mixture = DiffusionBenchmark.mixture
        let data = mixture.samples(n, key: RandomKey(seed: 201))
        var clock = DispatchTime.now().uptimeNanoseconds
        let (learned, losses) = try training.train(on: data, sde: sde, key: RandomKey(seed: 202))
        let trainingSeconds = Double(DispatchTime.now().uptimeNanoseconds - clock) * 1e-9
        let start = mixture.samples(n, key: RandomKey(seed: 203), at: sde.finalTime, of: sde)
        let prior: @Sendable (Int) -> [Double] = { Array(start[$0]) }
        clock = DispatchTime.now().uptimeNanoseconds
        let learnedSamples = try ProbabilityFlow(sde: sde, score: learned).sample(n, prior: prior, method: ExplicitRungeKutta.dopri5)
        let samplingSeconds = Double(DispatchTime.now().uptimeNanoseconds - clock) * 1e-9
        let exactSamples = try ProbabilityFlow(sde: sde, score: MixtureScore(mixture: mixture, sde: sde))
            .sample(n, prior: prior, method: ExplicitRungeKutta.dopri5)
        let versusExactScore = EnergyDistance.estimate(learnedSamples.samples, exactSamples.samples)
        let versusData = EnergyDistance.compare(learnedSamples.samples, with: mixture.samples(n, key: RandomKey(seed: 204)),
                                                control: mixture.samples(n, key: RandomKey(seed: 205)))
        let finalLoss = losses.suffix(200).reduce(0, +) / Double(min(200, losses.count))
        return JSONText.object([
            ("n", String(n)), ("steps", String(training.steps)), ("batch", String(training.batchSize)),
            ("training_s", JSONText.number(trainingSeconds)), ("final_loss", JSONText.number(finalLoss)),
            ("sampling_s", JSONText.number(samplingSeconds)), ("evaluations", String(learnedSamples.functionEvaluations)),
            ("failures", String(learnedSamples.failures)),
            ("energy_distance_to_exact_score_samples", JSONText.number(versusExactScore.value)),
            ("standard_error", JSONText.number(versusExactScore.standardError)),
            ("energy_distance_to_data", JSONText.number(versusData.candidate)),
            ("control_exact_vs_data", JSONText.number(versusData.control)), ("z_vs_data", JSONText.number(versusData.zScore)),
        ])
    }
}

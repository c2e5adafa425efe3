import Continuum
import Foundation

/// `continuum-bench neural-sde [--iterations N] [--paths N] [--hidden N] [--step H]`: trains a
/// ``NeuralSDE`` by moment matching on 4000 exact sample paths of the Ornstein-Uhlenbeck process
/// dY = 1.5 (1 − Y) dt + 0.5 dW, Y(0) = 0, observed at t = 0.25, 0.5, …, 2, and prints one JSON line
/// with the training time, the first and last losses, and the largest errors of the learned drift
/// against 1.5 (1 − y) and of the learned diffusion against 0.5 on y ∈ [0.25, 1.25].
enum NeuralSDEBenchmark {
    static func run(_ arguments: [String]) throws -> String? {
        var options = NeuralSDETrainingOptions()
        options.iterations = 500
        options.pathsPerIteration = 64
        options.learningRate = 0.02
        options.stepSize = 0.025
        var hidden = 32
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { fail("\(flag) needs a value") }
            switch flag {
            case "--iterations": options.iterations = try SDEBenchmark.positive(value, flag)
            case "--paths": options.pathsPerIteration = try SDEBenchmark.positive(value, flag)
            case "--hidden": hidden = try SDEBenchmark.positive(value, flag)
            case "--step":
                guard let h = Double(value), h > 0 else { fail("--step needs a positive number") }
                options.stepSize = h
            default: fail("unknown option \(flag)")
            }
        }
        let (kappa, mu, sigma) = (1.5, 1.0, 0.5)
        let times = (1...8).map { 0.25 * Double($0) }
        var stream = RandomStream(seed: 42)
        let samples = (0..<4000).map { _ in
            var y = 0.0, t = 0.0
            return times.map { next in
                let decay = exp(-kappa * (next - t))
                y = mu + (y - mu) * decay + sigma * ((1 - decay * decay) / (2 * kappa)).squareRoot() * stream.nextNormal()
                t = next
                return y
            }
        }
        var model = try NeuralSDE(dimension: 1, hidden: hidden, seed: 3)
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try model.fit(to: MomentMatchingLoss(samples: samples), y0: [0], at: times, options: options)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        var driftError = 0.0, diffusionError = 0.0, diffusions: [Double] = []
        for y in stride(from: 0.25, through: 1.25, by: 0.25) {
            let (f, g) = model.fields(at: [y])
            driftError = max(driftError, abs(f[0] - kappa * (mu - y)))
            diffusionError = max(diffusionError, abs(g[0] - sigma) / sigma)
            diffusions.append(g[0])
        }
        let tail = report.losses.suffix(20)
        return JSONText.object([
            ("seconds", JSONText.number(seconds)), ("iterations", String(options.iterations)),
            ("paths_per_iteration", String(options.pathsPerIteration)), ("hidden", String(hidden)),
            ("steps", String(Int((2 / options.stepSize).rounded()))),
            ("first_loss", JSONText.number(report.losses[0])),
            ("last_loss_mean20", JSONText.number(tail.reduce(0, +) / Double(tail.count))),
            ("max_drift_error", JSONText.number(driftError)),
            ("max_relative_diffusion_error", JSONText.number(diffusionError)),
            ("mean_diffusion", JSONText.number(diffusions.reduce(0, +) / Double(diffusions.count))),
        ])
    }
}

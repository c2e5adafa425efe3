import ContinuumModels
import ContinuumNumerics
import ContinuumSDE
import ContinuumSensitivity
import Foundation
import Testing

/// A neural SDE trained by moment matching on sample paths of the Ornstein-Uhlenbeck process
/// `dY = κ(μ − Y) dt + σ dW` (κ = 1.5, μ = 1, σ = 0.5, Y₀ = 0), drawn with its exact Gaussian
/// transition, recovers the drift and the diffusion scale.
@Suite("Neural SDE training")
struct NeuralSDETrainingTests {
    static let (kappa, mu, sigma) = (1.5, 1.0, 0.5)
    static let times = (1...8).map { 0.25 * Double($0) }

    /// `count` exact OU sample paths at `times`, one row per path.
    static func samplePaths(count: Int, seed: UInt64) -> [[Double]] {
        var stream = RandomStream(seed: seed)
        return (0..<count).map { _ in
            var y = 0.0, t = 0.0
            return times.map { next in
                let decay = exp(-kappa * (next - t))
                y = mu + (y - mu) * decay + sigma * ((1 - decay * decay) / (2 * kappa)).squareRoot() * stream.nextNormal()
                t = next
                return y
            }
        }
    }

    @Test("moment matching recovers the drift within 0.15 and the diffusion scale within 15% (pointwise 30%)")
    func recoversOrnsteinUhlenbeck() throws {
        let target = MomentMatchingLoss(samples: Self.samplePaths(count: 1000, seed: 42))
        var model = try NeuralSDE(dimension: 1, hidden: 8, seed: 3)
        var options = NeuralSDETrainingOptions()
        options.iterations = 150
        options.pathsPerIteration = 32
        options.learningRate = 0.03
        options.stepSize = 0.05
        let report = try model.fit(to: target, y0: [0], at: Self.times, options: options)
        let first = report.losses.prefix(10).reduce(0, +) / 10, last = report.losses.suffix(10).reduce(0, +) / 10
        // Measured: loss 3.96 → 0.033; |f − κ(μ − y)| ≤ 0.08 and g ∈ [0.37, 0.58] on y ∈ [0, 1.25].
        // Marginals alone cannot tell a state-dependent g from a constant one, hence the looser
        // pointwise bound on g and the tighter one on its average over the visited states.
        var diffusions: [Double] = []
        for y in [0.0, 0.25, 0.5, 0.75, 1.0, 1.25] {
            let (f, g) = model.fields(at: [y])
            #expect(abs(f[0] - Self.kappa * (Self.mu - y)) < 0.15, "drift at \(y): \(f[0])")
            #expect(abs(g[0] - Self.sigma) < 0.3 * Self.sigma, "diffusion at \(y): \(g[0])")
            if y > 0 { diffusions.append(g[0]) }
        }
        let meanDiffusion = diffusions.reduce(0, +) / Double(diffusions.count)
        #expect(abs(meanDiffusion - Self.sigma) < 0.15 * Self.sigma, "mean diffusion \(meanDiffusion)")
        #expect(last < first / 50, "loss \(first) -> \(last)")
    }
}

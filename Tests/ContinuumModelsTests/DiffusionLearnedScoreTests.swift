import ContinuumModels
import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing

/// Denoising score matching on the 3-Gaussian mixture (a short run; the full one is in
/// `continuum-bench diffusion-bars`).
@Suite struct DiffusionLearnedScoreTests {
    /// The DSM loss falls well below its starting value (≈ d = 2 for an untrained ε-network); the
    /// learned score points the same way as the exact one at moderate noise; sampling with it works.
    @Test func trainingLowersTheLossAndLearnsTheScore() throws {
        let sde = ForwardSDE.variancePreserving
        let data = DiffusionFixtures.mixture.samples(2000, key: RandomKey(seed: 21))
        var training = DenoisingScoreMatching()
        training.hiddenWidths = [32, 32]
        training.steps = 400
        training.batchSize = 64
        let (score, losses) = try training.train(on: data, sde: sde, key: RandomKey(seed: 22))
        let first = losses.prefix(40).reduce(0, +) / 40, last = losses.suffix(100).reduce(0, +) / 100
        #expect(last < 0.6 * first, "loss \(first) -> \(last)")
        let exact = MixtureScore(mixture: DiffusionFixtures.mixture, sde: sde)
        var agreement = 0.0
        for x in [[0.5, 0.5], [-1.0, 0.2], [1.5, -1.0], [0.0, 1.0]] {
            var a = [0.0, 0.0], b = [0.0, 0.0]
            x.withUnsafeBufferPointer { xb in
                a.withUnsafeMutableBufferPointer { score.score(xb, at: 0.5, into: $0) }
                b.withUnsafeMutableBufferPointer { exact.score(xb, at: 0.5, into: $0) }
            }
            agreement += (a[0] * b[0] + a[1] * b[1]) / ((a[0] * a[0] + a[1] * a[1]).squareRoot() * (b[0] * b[0] + b[1] * b[1]).squareRoot())
        }
        #expect(agreement / 4 > 0.9, "mean cosine \(agreement / 4)")
        let prior = DiffusionFixtures.mixture.samples(100, key: RandomKey(seed: 23), at: sde.finalTime, of: sde)
        let result = try ProbabilityFlow(sde: sde, score: score).sample(
            100, prior: { Array(prior[$0]) }, method: ExplicitRungeKutta.dopri5,
            options: SolverOptions(relativeTolerance: 1e-4, absoluteTolerance: 1e-6))
        #expect(result.failures == 0)

        // Its Jacobian (from the network's input Jacobian) against central differences of the score,
        // and a likelihood through the flow with it (prior: the exact marginal at T).
        let x = [0.3, -0.2], h = 1e-5
        var s0 = [0.0, 0.0], products = [0.0, 0.0, 0.0, 0.0]
        let probes = [1.0, 0.0, 0.0, 1.0]
        x.withUnsafeBufferPointer { xb in
            probes.withUnsafeBufferPointer { pb in
                s0.withUnsafeMutableBufferPointer { sb in
                    products.withUnsafeMutableBufferPointer { score.scoreAndJacobianProducts(xb, at: 0.3, probes: pb, score: sb, products: $0) }
                }
            }
        }
        for i in 0..<2 {
            var plus = x, minus = x, sp = [0.0, 0.0], sm = [0.0, 0.0]
            plus[i] += h
            minus[i] -= h
            plus.withUnsafeBufferPointer { p in sp.withUnsafeMutableBufferPointer { score.score(p, at: 0.3, into: $0) } }
            minus.withUnsafeBufferPointer { p in sm.withUnsafeMutableBufferPointer { score.score(p, at: 0.3, into: $0) } }
            for o in 0..<2 {
                let fd = (sp[o] - sm[o]) / (2 * h)
                #expect(abs(products[i * 2 + o] - fd) < 1e-6 * (1 + abs(fd)), "∂s\(o)/∂x\(i): \(products[i * 2 + o]) vs \(fd)")
            }
        }
        let finalTime = sde.finalTime
        let likelihood = ProbabilityFlowLikelihood(flow: try ProbabilityFlow(sde: sde, score: score)) { x in
            exact.logDensity(x, at: finalTime)
        }
        let estimate = try likelihood.logLikelihood(of: x, method: ExplicitRungeKutta.dopri5,
                                                    options: SolverOptions(relativeTolerance: 1e-6, absoluteTolerance: 1e-8))
        #expect(estimate.status == .success && estimate.logLikelihood.isFinite)
    }
}

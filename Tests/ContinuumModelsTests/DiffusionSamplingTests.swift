import ContinuumModels
import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing

/// Samplers with the exact score of the 3-Gaussian mixture: the energy distance of their samples to
/// exact samples is within 3 jackknife standard errors of that of a second exact sample set (the
/// release benchmark `continuum-bench diffusion` runs the same bar at n = 20 000).
@Suite struct DiffusionSamplingTests {
    static let n = 800
    static let sde = ForwardSDE.variancePreserving
    static let score = MixtureScore(mixture: DiffusionFixtures.mixture, sde: sde)
    static let reference = DiffusionFixtures.mixture.samples(n, key: RandomKey(seed: 101))
    static let control = DiffusionFixtures.mixture.samples(n, key: RandomKey(seed: 102))
    static let prior = DiffusionFixtures.mixture.samples(n, key: RandomKey(seed: 103), at: sde.finalTime, of: sde)

    static func check(_ samples: SampleSet, _ label: String) {
        let comparison = EnergyDistance.compare(samples, with: reference, control: control)
        #expect(abs(comparison.zScore) < 3, "\(label): \(comparison)")
    }

    @Test(arguments: [0.0, 0.5, -2.0])
    func probabilityFlowSamplesMatch(gauge: Double) throws {
        let flow = try ProbabilityFlow(sde: Self.sde, score: Self.score, gauge: gauge == 0 ? nil : .planar(gauge))
        let prior = Self.prior
        let result = try flow.sample(Self.n, prior: { Array(prior[$0]) }, method: ExplicitRungeKutta.dopri5,
                                     options: SolverOptions(relativeTolerance: 1e-4, absoluteTolerance: 1e-6))
        #expect(result.failures == 0 && result.functionEvaluations > 0)
        Self.check(result.samples, "pf-ode gauge \(gauge)")
    }

    @Test func reverseSDESamplesMatch() throws {
        let prior = Self.prior
        for (sampler, label) in [(try ReverseSDESampler(steps: 200), "em"),
                                 (try ReverseSDESampler(steps: 100, corrector: .langevin(snr: 0.1, steps: 1)), "pc")] {
            let result = try sampler.sample(Self.n, sde: Self.sde, score: Self.score, prior: { Array(prior[$0]) },
                                            key: RandomKey(seed: 7))
            #expect(result.failures == 0)
            Self.check(result.samples, label)
        }
    }

    /// The bar has power: a set shifted by 0.75 in x, and one with the mixture weights swapped, fail it.
    @Test func energyDistanceDetectsSmallDifferences() throws {
        var shifted = Self.control
        for i in 0..<shifted.count { shifted.values[2 * i] += 0.75 }
        #expect(EnergyDistance.compare(shifted, with: Self.reference, control: Self.control).zScore > 3)
        let swapped = try GaussianMixture(weights: [0.5, 0.3, 0.2], means: DiffusionFixtures.means,
                                          covariances: DiffusionFixtures.covariances)
        let other = swapped.samples(Self.n, key: RandomKey(seed: 104))
        #expect(EnergyDistance.compare(other, with: Self.reference, control: Self.control).zScore > 3)
        let estimate = EnergyDistance.estimate(Self.reference, Self.control)
        #expect(estimate.value > 0 && estimate.value < 3 * estimate.standardError + 0.01)
    }

    /// Same seed, same samples, whatever the number of workers.
    @Test func samplesDoNotDependOnWorkers() throws {
        let prior = Self.prior
        let sampler = try ReverseSDESampler(steps: 20)
        let one = try sampler.sample(50, sde: Self.sde, score: Self.score, prior: { Array(prior[$0]) },
                                     key: RandomKey(seed: 3), workers: 1)
        let three = try sampler.sample(50, sde: Self.sde, score: Self.score, prior: { Array(prior[$0]) },
                                       key: RandomKey(seed: 3), workers: 3)
        #expect(one.samples == three.samples)
    }
}

import ContinuumModels
import Foundation
import Testing

/// Forward SDEs and the exact mixture score: closed forms against their defining equations and
/// finite differences.
@Suite struct DiffusionScoreTests {
    /// `d log α/dt = b` and `d(s²)/dt = 2b s² + g²` (the moment equations of a linear SDE), by central
    /// differences at interior times; the OU schedule also has `α² + s² = 1` and `s = 1 − e^{−t}`.
    @Test(arguments: DiffusionFixtures.sdes.map(\.0))
    func marginalsSolveTheMomentEquations(name: String) {
        let sde = DiffusionFixtures.sdes.first { $0.0 == name }!.1
        let h = 1e-5
        for fraction in [0.1, 0.3, 0.5, 0.8] {
            let t = fraction * sde.finalTime
            let dLogAlpha = (log(sde.meanCoefficient(at: t + h)) - log(sde.meanCoefficient(at: t - h))) / (2 * h)
            #expect(abs(dLogAlpha - sde.driftCoefficient(at: t)) < 1e-6 * (1 + abs(dLogAlpha)))
            let v: (Double) -> Double = { sde.standardDeviation(at: $0) * sde.standardDeviation(at: $0) }
            let dv = (v(t + h) - v(t - h)) / (2 * h)
            let expected = 2 * sde.driftCoefficient(at: t) * v(t) + sde.diffusionSquared(at: t)
            #expect(abs(dv - expected) < 1e-6 * (1 + abs(expected)), "\(name) t=\(t): \(dv) vs \(expected)")
            #expect(sde.standardDeviation(at: 0) == 0 && sde.meanCoefficient(at: 0) == 1)
        }
        if name == "ou" {
            for t in [0.2, 1.0, 3.0] {
                let (a, s) = (sde.meanCoefficient(at: t), sde.standardDeviation(at: t))
                #expect(abs(a * a + s * s - 1) < 1e-14 && abs(s - (1 - exp(-t))) < 1e-15)
            }
        }
    }

    /// At t = 0 the log density is the analytic mixture's; the score is the gradient of the log density,
    /// the Laplacian its Hessian's trace, the Jacobian products the Hessian times the probe (central
    /// differences, to 1e-6), and Tweedie's `α⟨x₀|x⟩ = x + s²∇log p` holds to round-off.
    @Test(arguments: DiffusionFixtures.sdes.map(\.0))
    func scoreIsTheGradientOfTheLogDensity(name: String) {
        let sde = DiffusionFixtures.sdes.first { $0.0 == name }!.1
        let score = MixtureScore(mixture: DiffusionFixtures.mixture, sde: sde)
        let x = [0.7, -0.4]
        #expect(abs(score.logDensity(x, at: 0) - DiffusionFixtures.analyticLogDensity(x)) < 1e-13)
        let h = 1e-4
        for t in [0.0, 0.1 * sde.finalTime, 0.5 * sde.finalTime] {
            var s = [0.0, 0.0]
            let laplacian = x.withUnsafeBufferPointer { xb in
                s.withUnsafeMutableBufferPointer { score.scoreAndLaplacian(xb, at: t, into: $0) }
            }
            var fdLaplacian = 0.0
            var hessian = [Double](repeating: 0, count: 4)
            for i in 0..<2 {
                var plus = x, minus = x
                plus[i] += h
                minus[i] -= h
                let (lp, l0, lm) = (score.logDensity(plus, at: t), score.logDensity(x, at: t), score.logDensity(minus, at: t))
                #expect(abs((lp - lm) / (2 * h) - s[i]) < 1e-6 * (1 + abs(s[i])))
                fdLaplacian += (lp - 2 * l0 + lm) / (h * h)
                var sp = [0.0, 0.0], sm = [0.0, 0.0]
                plus.withUnsafeBufferPointer { p in sp.withUnsafeMutableBufferPointer { score.score(p, at: t, into: $0) } }
                minus.withUnsafeBufferPointer { p in sm.withUnsafeMutableBufferPointer { score.score(p, at: t, into: $0) } }
                for j in 0..<2 { hessian[j * 2 + i] = (sp[j] - sm[j]) / (2 * h) }
            }
            #expect(abs(fdLaplacian - laplacian) < 1e-4 * (1 + abs(laplacian)), "\(fdLaplacian) vs \(laplacian)")
            let probes = [1.0, -1.0, 0.3, 2.0]
            var products = [Double](repeating: 0, count: 4), s2 = [0.0, 0.0]
            x.withUnsafeBufferPointer { xb in
                probes.withUnsafeBufferPointer { pb in
                    s2.withUnsafeMutableBufferPointer { sb in
                        products.withUnsafeMutableBufferPointer {
                            score.scoreAndJacobianProducts(xb, at: t, probes: pb, score: sb, products: $0)
                        }
                    }
                }
            }
            for p in 0..<2 {
                for i in 0..<2 {
                    let expected = hessian[i * 2] * probes[p * 2] + hessian[i * 2 + 1] * probes[p * 2 + 1]
                    #expect(abs(products[p * 2 + i] - expected) < 1e-6 * (1 + abs(expected)))
                }
            }
            let alpha = sde.meanCoefficient(at: t), sigma = sde.standardDeviation(at: t)
            let posterior = score.posteriorMean(x, at: t)
            for i in 0..<2 { #expect(abs(alpha * posterior[i] - (x[i] + sigma * sigma * s[i])) < 1e-12) }
        }
    }

    /// Bad mixtures and gauges are typed errors.
    @Test func badInputThrows() {
        #expect(throws: DiffusionError.self) {
            try GaussianMixture(weights: [1], means: [[0, 0]], covariances: [[1, 2, 2, 1]])
        }
        #expect(throws: DiffusionError.self) { try GaussianMixture(weights: [-1], means: [[0]], standardDeviations: [1]) }
        #expect(throws: DiffusionError.self) { try Gauge(dimension: 2, matrix: [0, 1, 1, 0]) }
        #expect(throws: DiffusionError.self) { try ForwardSDE(.varianceExploding(sigmaMin: 1, sigmaMax: 0.5)) }
    }
}

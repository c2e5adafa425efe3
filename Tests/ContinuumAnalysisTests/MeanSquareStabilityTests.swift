import ContinuumAnalysis
import ContinuumNumerics
import Testing

@Suite("Mean-square stability of SDE schemes")
struct MeanSquareStabilityTests {
    /// Euler-Maruyama's threshold has the closed form `h < −(2λ + μ²)/λ²`.
    @Test func eulerMaruyamaThresholdHasItsClosedForm() {
        for (lambda, mu) in [(-1.0, 0.0), (-3.0, 1.0), (-10.0, 4.0), (-0.5, 0.9)] {
            let h = MeanSquareStability.eulerMaruyama.largestStableStep(lambda: lambda, mu: mu)
            let exact = -(2 * lambda + mu * mu) / (lambda * lambda)
            #expect(abs(h - exact) < 1e-12 * exact, "λ = \(lambda), μ = \(mu): \(h) vs \(exact)")
        }
        // Deterministic limit: Euler's real interval [−2, 0].
        #expect(abs(MeanSquareStability.eulerMaruyama.largestStableStep(lambda: -1, mu: 0) - 2) < 1e-12)
        // No step stabilises an unstable exact solution; Milstein's region is smaller than EM's.
        #expect(MeanSquareStability.eulerMaruyama.largestStableStep(lambda: -1, mu: 1.5) == 0)
        #expect(MeanSquareStability.milstein.largestStableStep(lambda: -3, mu: 1)
                < MeanSquareStability.eulerMaruyama.largestStableStep(lambda: -3, mu: 1))
    }

    /// The factors are the schemes' one-step second moments: Monte Carlo over 400 000 Brownian
    /// increments (fixed seed) agrees within 5 standard errors.
    @Test(arguments: MeanSquareStability.allCases)
    func amplificationIsTheSecondMomentOfOneStep(scheme: MeanSquareStability) {
        let lambda = -2.0, mu = 1.2, h = 0.3
        var stream = RandomStream(seed: 17)
        let n = 400_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let dw = h.squareRoot() * stream.nextNormal()
            var factor = 1 + h * lambda + mu * dw
            if scheme == .milstein { factor += 0.5 * mu * mu * (dw * dw - h) }
            let sample = factor * factor
            sum += sample
            sumSquares += sample * sample
        }
        let mean = sum / Double(n)
        let standardError = ((sumSquares / Double(n) - mean * mean) / Double(n)).squareRoot()
        let predicted = scheme.amplification(real: h * lambda, noise: h * mu * mu)
        #expect(abs(mean - predicted) < 5 * standardError, "\(scheme): \(mean) vs \(predicted) ± \(standardError)")
    }
}

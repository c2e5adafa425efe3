import ContinuumNumerics
import ContinuumODE
import Foundation
@testable import ContinuumSDE

/// Shared problems and statistics for the SDE tests.
enum SDETestSupport {
    static let x0 = 1.0, t1 = 1.0

    /// Geometric Brownian motion dX = μX dt + σX dW (diagonal noise, with L¹g = σ²X for Milstein).
    static func gbm(mu: Double = 1.5, sigma: Double = 0.5) throws -> SDEProblem<ClosureVectorField, ClosureDiffusion> {
        return try SDEProblem(
            y0: [x0], from: 0, to: t1, drift: { _, y, dy in dy[0] = mu * y[0] },
            diffusion: { _, y, g in g[0] = sigma * y[0] }, diffusionDerivative: { _, _, g, out in out[0] = sigma * g[0] })
    }

    /// GBM's exact solution on the path with W(T) = `w`: Itô `exp((μ − σ²/2)T + σW)`, Stratonovich `exp(μT + σW)`.
    static func gbmExact(_ w: Double, _ interpretation: SDEInterpretation, mu: Double = 1.5, sigma: Double = 0.5) -> Double {
        let drift = interpretation == .ito ? mu - 0.5 * sigma * sigma : mu
        return x0 * exp(drift * t1 + sigma * w)
    }

    /// A double-well Ornstein-Uhlenbeck process, additive noise: dX = (2 sin 2X − X) dt + 2 dW.
    static func additive() throws -> SDEProblem<ClosureVectorField, ClosureDiffusion> {
        try SDEProblem(
            y0: [0.5], from: 0, to: t1, isAdditive: true, drift: { _, y, dy in dy[0] = 2 * sin(2 * y[0]) - y[0] },
            diffusion: { _, _, g in g[0] = 2 })
    }

    /// W(T) of path `i` of an ensemble run on a tree (the same tree the ensemble built).
    static func terminalW(key: RandomKey, path i: Int, tolerance: Double, area: Bool) -> Double {
        var tree = VirtualBrownianTree(
            key: key.split(UInt64(i)), dimension: 1, from: 0, to: t1, tolerance: tolerance, spaceTimeArea: area)
        return tree.value(at: t1).w[0]
    }

    /// Kolmogorov-Smirnov distance between the sample and the standard normal distribution.
    static func ksDistanceToNormal(_ sample: [Double]) -> Double {
        let sorted = sample.sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        for (i, x) in sorted.enumerated() {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            distance = max(distance, abs(cdf - Double(i) / n), abs(cdf - Double(i + 1) / n))
        }
        return distance
    }

    /// KS critical value at confidence 99.9 % (two-sided, large samples).
    static func ksCritical(_ count: Int) -> Double { 1.95 / Double(count).squareRoot() }

    /// Pearson correlation.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) {
            sab += (x - ma) * (y - mb)
            saa += (x - ma) * (x - ma)
            sbb += (y - mb) * (y - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }
}

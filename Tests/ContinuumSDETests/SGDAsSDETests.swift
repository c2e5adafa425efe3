import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
@testable import ContinuumSDE

/// Stochastic gradient descent read as an SDE: Euler-Maruyama for `dw = −V′(w) dt + √(ησ) dB` on
/// the double well `V(w) = (w² − 1)²/4`. The Fokker-Planck equation's stationary density is the
/// Gibbs density `p(w) ∝ exp(−2V(w)/(ησ))`; with `ησ = 1/2`, `p ∝ exp(−(w² − 1)²)`.
@Suite struct SGDAsSDETests {
    static let temperature = 0.5  // ησ

    static func gibbs(_ w: Double) -> Double { exp(-2 * (w * w - 1) * (w * w - 1) / 4 / temperature) }

    /// ∫ₐᵇ gibbs by Simpson's rule on 200 panels.
    static func mass(_ a: Double, _ b: Double) -> Double {
        let panels = 200, h = (b - a) / Double(panels)
        var sum = gibbs(a) + gibbs(b)
        for k in 1..<panels { sum += (k % 2 == 1 ? 4 : 2) * gibbs(a + Double(k) * h) }
        return sum * h / 3
    }

    /// 3 000 independent iterates at t = 8 (start at the barrier top w = 0; the wells mix at the
    /// Kramers rate ≈ 0.08 and relax within them in ≈ 0.5, and symmetry keeps the two wells equally
    /// filled), histogrammed in 24 bins (20 of width 0.2 on [−2, 2] plus the two tails): Pearson's
    /// χ² against the Gibbs masses stays below the 99.9 % quantile of χ²(23), 49.73. The step
    /// 0.02 biases the stationary law by O(h), far below what 3 000 samples resolve.
    @Test func longRunHistogramMatchesGibbsDensity() throws {
        let noise = Self.temperature.squareRoot()
        let problem = try SDEProblem(
            y0: [0], from: 0, to: 8, drift: { _, w, dw in dw[0] = w[0] - w[0] * w[0] * w[0] },
            diffusion: { _, _, g in g[0] = noise })
        let paths = 3000
        let result = try solveEnsemble(problem, with: .eulerMaruyama, paths: paths, key: RandomKey(seed: 2718),
                                       options: SDESolveOptions(stepSize: 0.02))
        var edges = [-Double.infinity]
        edges += (0...20).map { -2 + 0.2 * Double($0) }
        edges.append(.infinity)
        var counts = [Int](repeating: 0, count: edges.count - 1)
        for w in result.finalStates {
            let bin = edges.lastIndex { $0 <= w }!
            counts[min(bin, counts.count - 1)] += 1
        }
        let total = Self.mass(-6, 6)
        var chiSquare = 0.0
        for (k, count) in counts.enumerated() {
            let a = max(edges[k], -6), b = min(edges[k + 1], 6)
            let expected = Double(paths) * Self.mass(a, b) / total
            chiSquare += (Double(count) - expected) * (Double(count) - expected) / expected
        }
        #expect(chiSquare < 49.73, "χ² = \(chiSquare), counts \(counts)")
        // The mean of the symmetric law is 0 and its variance ∫w²p: checks beyond the histogram.
        #expect(abs(result.mean[0]) < 4 * (result.variance[0] / Double(paths)).squareRoot())
    }
}

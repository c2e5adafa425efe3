import ContinuumNumerics
import ContinuumODE
import ContinuumSDE
import ContinuumSensitivity
import Foundation
import Testing

/// The stochastic adjoint (Li et al. 2020) on Stratonovich geometric Brownian motion
/// `dY = μY dt + σY ∘ dW`, whose solution `Y_T = y₀ exp(μT + σW_T)` gives the pathwise gradient of
/// `L = Y_T²` in closed form: `∂L/∂μ = 2T L`, `∂L/∂σ = 2W_T L`, `∂L/∂y₀ = 2L/y₀`.
@Suite("Stochastic adjoint")
struct StochasticAdjointTests {
    static let (mu, sigma, y0, horizon) = (0.5, 0.4, 1.0, 1.0)
    static let pathCount = 8
    static let options = SDEGradientOptions(stepSize: 1.0 / 4000)

    static func problem(mu: Double = mu, sigma: Double = sigma, y0: Double = y0) throws -> SDEProblem<GBMDrift, GBMDiffusion> {
        try SDEProblem(drift: GBMDrift(mu: mu), diffusion: GBMDiffusion(sigma: sigma), y0: [y0], from: 0, to: horizon)
    }

    static var paths: [VirtualBrownianTree] {
        (0..<pathCount).map { i in
            VirtualBrownianTree(key: RandomKey(seed: 2020).split(UInt64(i)), dimension: 1, from: 0, to: horizon, tolerance: 1e-5)
        }
    }

    /// The mean closed-form pathwise gradient `[∂/∂μ, ∂/∂σ, ∂/∂y₀]` of `E[Y_T²]` over the paths.
    static func exactGradient() -> [Double] {
        var mean = [0.0, 0.0, 0.0]
        for var path in paths {
            var w = [0.0]
            w.withUnsafeMutableBufferPointer { path.increment(from: 0, to: horizon, into: $0) }
            let y = y0 * exp(mu * horizon + sigma * w[0]), loss = y * y
            mean[0] += 2 * horizon * loss / Double(pathCount)
            mean[1] += 2 * w[0] * loss / Double(pathCount)
            mean[2] += 2 * loss / y0 / Double(pathCount)
        }
        return mean
    }

    static func expected(_ x: [Double], method: SDESensitivityMethod) throws -> SDEGradientResult {
        try sdeGradient(
            of: SumOfSquaresLoss(), at: [horizon], for: problem(mu: x[0], sigma: x[1], y0: x[2]), paths: paths,
            method: method, options: options)
    }

    @Test("the gradient of E[L] matches central differences on common random numbers to 1e-4 and the closed form to 2e-4")
    func matchesFiniteDifferences() throws {
        let x = [Self.mu, Self.sigma, Self.y0]
        let adjoint = flatGradient(try Self.expected(x, method: .stochasticAdjoint))
        let differences = try centralDifferences(at: x, step: 1e-4) { try Self.expected($0, method: .stochasticAdjoint).loss }
        let exact = Self.exactGradient()
        let againstDifferences = relativeDifference(adjoint, differences)
        let againstExact = relativeDifference(adjoint, exact)
        #expect(againstDifferences < 1e-4, "adjoint \(adjoint) differences \(differences): \(againstDifferences)")
        // Both solves are first order here: the bias against the exact solution is 1.8e-4 at
        // h = 1/2000 and 1.0e-4 at h = 1/4000.
        #expect(againstExact < 2e-4, "adjoint \(adjoint) exact \(exact): \(againstExact)")
    }

    @Test("loss terms at intermediate times enter the adjoint as jumps: closed form to 2e-4")
    func intermediateLossTimes() throws {
        let times = [0.25, 0.5, 1.0]
        let result = try sdeGradient(
            of: SumOfSquaresLoss(), at: times, for: Self.problem(), paths: Array(Self.paths.prefix(4)),
            method: .stochasticAdjoint, options: Self.options)
        var exact = [0.0, 0.0, 0.0]
        for var path in Self.paths.prefix(4) {
            var w = [0.0]
            for t in times {
                w.withUnsafeMutableBufferPointer { path.increment(from: 0, to: t, into: $0) }
                let y = Self.y0 * exp(Self.mu * t + Self.sigma * w[0]), loss = y * y / 4
                exact[0] += 2 * t * loss
                exact[1] += 2 * w[0] * loss
                exact[2] += 2 * loss / Self.y0
            }
        }
        let error = relativeDifference(flatGradient(result), exact)
        #expect(error < 2e-4, "adjoint \(flatGradient(result)) exact \(exact): \(error)")
    }
}

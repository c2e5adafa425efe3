import ContinuumNumerics
import ContinuumODE
import Foundation
import Testing
import _TestSupport
@testable import ContinuumSDE

/// Strong order: E|X_h(T) − X(T)| on shared Brownian paths (virtual trees, so every step size sees
/// the same path; step sizes are dyadic, so grid points are tree nodes and exact), observed as the
/// least-squares slope over halving steps, within ±0.15 of nominal.
///
/// Paths: 10 000 for Euler-Maruyama and SRIW1, 3 000 for the others and 2 000 for SRA (whose
/// reference is a fine solve), to keep the debug suite short: the errors at different h are
/// computed on common paths, so the slope's Monte Carlo error (≈ 0.02 at 3 000 paths) stays far
/// below the ±0.15 band. Euler-Maruyama runs on μ = 0.5, σ = 1 and smaller steps, where its
/// √h term dominates (with μ = 1.5, σ = 0.5 the O(h) drift error hides it at these step sizes).
@Suite struct StrongOrderTests {
    typealias Support = SDETestSupport
    static let stepSizes = [1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64]
    static let tolerance = 1.0 / 1024

    /// Mean absolute error at t1 against GBM's exact solution, for each step size.
    static func gbmErrors<S: SDEScheme>(
        _ scheme: S, paths: Int, seed: UInt64, mu: Double = 1.5, sigma: Double = 0.5, stepSizes: [Double] = stepSizes
    ) throws -> [Double] {
        let problem = try Support.gbm(mu: mu, sigma: sigma)
        let key = RandomKey(seed: seed)
        let area = scheme.needsSpaceTimeArea
        let exact = (0..<paths).map {
            Support.gbmExact(
                Support.terminalW(key: key, path: $0, tolerance: tolerance, area: area), scheme.interpretation,
                mu: mu, sigma: sigma)
        }
        return try stepSizes.map { h in
            let result = try solveEnsemble(
                problem, with: scheme, paths: paths, key: key, brownian: .tree(tolerance: tolerance),
                options: SDESolveOptions(stepSize: h))
            return zip(result.finalStates, exact).map { abs($0 - $1) }.reduce(0, +) / Double(paths)
        }
    }

    @Test(arguments: [
        ("em", 0.5), ("milstein-ito", 1.0), ("milstein-rk", 1.0), ("milstein-stratonovich", 1.0),
        ("sriw1", 1.5), ("heun", 1.0), ("reversible-heun", 1.0),
    ])
    func geometricBrownianMotion(scheme name: String, nominal: Double) throws {
        let errors: [Double]
        var steps = Self.stepSizes
        switch name {
        case "em":
            steps = [1.0 / 32, 1.0 / 64, 1.0 / 128, 1.0 / 256]
            errors = try Self.gbmErrors(.eulerMaruyama, paths: 10_000, seed: 1, mu: 0.5, sigma: 1, stepSizes: steps)
        case "milstein-ito": errors = try Self.gbmErrors(Milstein(.ito), paths: 3000, seed: 2)
        case "milstein-rk": errors = try Self.gbmErrors(Milstein(.ito, derivative: .derivativeFree), paths: 3000, seed: 3)
        case "milstein-stratonovich": errors = try Self.gbmErrors(Milstein(.stratonovich), paths: 3000, seed: 4)
        case "sriw1": errors = try Self.gbmErrors(.sriw1, paths: 10_000, seed: 5)
        case "heun": errors = try Self.gbmErrors(EulerHeun(), paths: 3000, seed: 6)
        default: errors = try Self.gbmErrors(ReversibleHeun(), paths: 3000, seed: 7)
        }
        let order = observedOrder(stepSizes: steps, errors: errors)
        #expect(abs(order - nominal) <= 0.15, "\(name): errors \(errors), observed order \(order)")
    }

    /// SRA1 on the additive-noise problem dX = (2 sin 2X − X) dt + 2 dW, against SRA1 with h = 2⁻⁹
    /// on the same paths (whose own error is ~20× below the smallest measured one).
    @Test func sra1OnAdditiveNoise() throws {
        let problem = try Support.additive()
        let key = RandomKey(seed: 77), paths = 2000
        func finals(_ h: Double) throws -> [Double] {
            try solveEnsemble(
                problem, with: .sra1, paths: paths, key: key, brownian: .tree(tolerance: Self.tolerance),
                options: SDESolveOptions(stepSize: h)
            ).finalStates
        }
        let reference = try finals(1.0 / 512)
        let steps = [1.0 / 8, 1.0 / 16, 1.0 / 32, 1.0 / 64]
        let errors = try steps.map { h in
            zip(try finals(h), reference).map { abs($0 - $1) }.reduce(0, +) / Double(paths)
        }
        let order = observedOrder(stepSizes: steps, errors: errors)
        #expect(abs(order - 1.5) <= 0.15, "SRA1: errors \(errors), observed order \(order)")
    }
}

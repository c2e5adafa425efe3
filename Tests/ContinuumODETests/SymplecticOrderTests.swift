import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Observed orders of every splitting method on the Kepler orbit of eccentricity 0.2 (exact
/// solution from Kepler's equation), steps halving.
@Suite struct SymplecticOrderTests {
    static let span = 2.0
    static let e = 0.2

    static func error(_ method: SplittingMethod, steps: Int) throws -> Double {
        let problem = try PartitionedProblem(
            SymplecticTestProblems.kepler, q0: [1 - e, 0], p0: [0, ((1 + e) / (1 - e)).squareRoot()], from: 0, to: span)
        let result = try solve(problem, with: method, options: GeometricOptions(stepSize: span / Double(steps), saveEvery: 0))
        return SymplecticTestProblems.distance(result.solution.finalState!, SymplecticTestProblems.keplerExact(span, eccentricity: e))
    }

    /// Step counts putting each order's errors between round-off and the asymptotic regime.
    static func stepCounts(order: Int) -> [Int] {
        let first = [1: 400, 2: 100, 3: 40, 4: 20, 6: 16, 8: 16][order]!
        return (0..<5).map { first << $0 }
    }

    @Test(arguments: SplittingMethod.all.map(\.name))
    func observedOrderMatchesNominal(_ name: String) throws {
        let method = SplittingMethod.named(name)!
        let counts = Self.stepCounts(order: method.order)
        let errors = try counts.map { try Self.error(method, steps: $0) }
        let observed = observedOrder(stepSizes: counts.map { Self.span / Double($0) }, errors: errors, floor: 1e-12)
        #expect(abs(observed - Double(method.order)) <= 0.2, "\(name): observed order \(observed), errors \(errors)")
    }

    @Test func coefficientsAreConsistent() {
        for method in SplittingMethod.all {
            #expect(abs(method.coefficients.driftSum - 1) < 1e-14, "\(method.name) Σa = \(method.coefficients.driftSum)")
            #expect(abs(method.coefficients.kickSum - 1) < 1e-14, "\(method.name) Σb = \(method.coefficients.kickSum)")
        }
        let symmetric = Set(SplittingMethod.all.filter(\.isSymmetric).map(\.name))
        #expect(symmetric == ["verlet", "position-verlet", "forest-ruth", "yoshida4", "yoshida6", "yoshida6a", "blanes-moan6", "yoshida8"])
        #expect(SplittingMethod.velocityVerlet.forceEvaluationsPerStep == 1)
        #expect(SplittingMethod.yoshida4.forceEvaluationsPerStep == 3)
        #expect(SplittingMethod.yoshida8.forceEvaluationsPerStep == 15)
        #expect(SplittingMethod.blanesMoan6.forceEvaluationsPerStep == 10)
    }
}

import ContinuumAnalysis
import ContinuumODE
import Foundation
import Testing

/// Real- and imaginary-axis intervals computed from the stored tableaux against the literature.
@Suite struct StabilityIntervalTests {
    static func method(_ name: String) throws -> any LinearStability {
        try #require(StabilityCatalog.named(name), "\(name) missing")
    }

    /// The real root of `p(x) = target` near `guess` by Newton's method (`p` ascending coefficients).
    static func root(_ p: [Double], target: Double, guess: Double) -> Double {
        var x = guess
        for _ in 0..<50 {
            let value = p.reversed().reduce(0) { $0 * x + $1 } - target
            let slope = p.enumerated().dropFirst().reversed().reduce(0) { $0 * x + Double($1.offset) * $1.element }
            x -= value / slope
        }
        return x
    }

    @Test(arguments: [
        // Hairer, Nørsett & Wanner I, Fig. IV.2.1 and the usual tables.
        ("euler", -2.0), ("rk4", -2.785293563405282), ("bs3", -2.5127453266183286),
    ])
    func realAxisBoundaryMatchesTheLiterature(name: String, expected: Double) throws {
        let interval = StabilityAnalysis.realInterval(try Self.method(name))
        #expect(abs(interval.lower - expected) < 1e-10, "\(name): \(interval)")
        #expect(interval.upper == 0)
    }

    /// Dormand–Prince 5: `R(z) = Σₖ₌₀⁵ zᵏ/k! + z⁶/600` (Hairer, Nørsett & Wanner I, II.5); the real
    /// boundary is the root of `R(x) = 1` (about −3.3066), here from that published polynomial.
    @Test func dormandPrinceBoundaryIsTheRootOfItsPublishedPolynomial() throws {
        let published = [1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 600]
        let expected = Self.root(published, target: 1, guess: -3.3)
        #expect(abs(expected + 3.3066) < 1e-4)
        let interval = StabilityAnalysis.realInterval(try Self.method("dopri5"))
        #expect(abs(interval.lower - expected) < 1e-10, "\(interval) vs \(expected)")
    }

    @Test func rk4ImaginaryIntervalIsTwoRootTwo() throws {
        let interval = StabilityAnalysis.imaginaryInterval(try Self.method("rk4"))
        #expect(abs(interval.upper - 2 * 2.0.squareRoot()) < 1e-10)
        #expect(interval.lower == -interval.upper)
    }

    /// `|R(iy)|² = 1 + y⁴/4` for every two-stage second-order method and `1 + y²` for Euler:
    /// no piece of the imaginary axis is stable, however close to 0 (decided by the E-polynomial,
    /// not by sampling, which cannot see `y⁴/4` below 10⁻³).
    @Test(arguments: ["euler", "midpoint", "heun", "ralston"])
    func loworderMethodsHaveNoImaginaryInterval(name: String) throws {
        let interval = StabilityAnalysis.imaginaryInterval(try Self.method(name))
        #expect(interval.upper == 0)
    }

    @Test func bs3ImaginaryIntervalIsRootThree() throws {
        // |R(iy)|² = 1 − y⁴/12 + y⁶/36 for the third-order polynomial: zero at y = √3.
        let interval = StabilityAnalysis.imaginaryInterval(try Self.method("bs3"))
        #expect(abs(interval.upper - 3.0.squareRoot()) < 1e-10)
    }

    /// The region of forward Euler is the unit disc around −1: area π (grid estimate to 0.5 %).
    @Test func eulerRegionHasAreaPi() throws {
        let grid = StabilityGrid.amplification(try Self.method("euler"), real: -2.5...0.5, imaginary: -1.5...1.5, columns: 401, rows: 401)
        #expect(abs(grid.area() - Double.pi) < 5e-3 * Double.pi, "\(grid.area())")
    }

    @Test func unboundedIntervalsOfImplicitMethods() throws {
        for name in ["radau5", "rodas5p", "kvaerno5", "bdf2"] {
            let method = try Self.method(name)
            let real = StabilityAnalysis.realInterval(method), imaginary = StabilityAnalysis.imaginaryInterval(method)
            #expect(real.lower == -.infinity, "\(name)")
            #expect(imaginary.upper == .infinity, "\(name)")
        }
    }
}

import ContinuumAnalysis
import ContinuumODE
import Foundation
import Testing

/// A- and L-stability, A(α) angles, poles and the order of `R` against `eᶻ`.
@Suite struct StabilityPropertyTests {
    static let aStable = ["radau5", "kvaerno5", "kencarp4", "rosenbrock23", "rodas4", "rodas5p", "bdf1", "bdf2", "ndf1", "ndf2"]

    @Test(arguments: aStable)
    func implicitMethodsAreAAndLStable(name: String) throws {
        let method = try #require(StabilityCatalog.named(name))
        let aStable = StabilityAnalysis.isAStable(method), lStable = StabilityAnalysis.isLStable(method)
        #expect(aStable, "\(name)")
        // Every one of these damps infinitely stiff components completely.
        #expect(method.amplificationAtInfinity < 1e-12, "\(name): R(∞) = \(method.amplificationAtInfinity)")
        #expect(lStable, "\(name)")
    }

    @Test func explicitMethodsAreNotAStable() {
        for tableau in ButcherTableau.all {
            let method = OneStepStability(tableau)!
            #expect(!StabilityAnalysis.isAStable(method), "\(tableau.name)")
            #expect(method.amplificationAtInfinity == .infinity)
        }
    }

    /// Hairer & Wanner II, Table V.2.3 (BDF) and Shampine & Reichelt 1997, Table 1 (NDF, rounded
    /// to whole degrees there).
    @Test(arguments: [
        ("bdf3", 86.03, 0.01), ("bdf4", 73.35, 0.01), ("bdf5", 51.84, 0.01),
        ("ndf3", 80, 0.5), ("ndf4", 66, 0.5), ("ndf5", 51, 1),
    ])
    func higherOrderBDFAreOnlyAAlphaStable(name: String, degrees: Double, tolerance: Double) throws {
        let method = try #require(StabilityCatalog.named(name))
        let aStable = StabilityAnalysis.isAStable(method), real = StabilityAnalysis.realInterval(method)
        #expect(!aStable)
        #expect(real.lower == -.infinity)
        let angle = method.sectorAngle() * 180 / Double.pi
        #expect(abs(angle - degrees) < tolerance, "\(name): α = \(angle)°")
    }

    /// The generic ray search agrees with the boundary-locus angle.
    @Test func raySearchAgreesWithTheBoundaryLocus() throws {
        let method = try #require(StabilityCatalog.named("bdf4"))
        let rays = StabilityAnalysis.sectorAngle(method)
        #expect(abs(rays - method.sectorAngle()) < 1e-4)
    }

    /// The poles of Radau IIA5's `R` are the eigenvalues of `A⁻¹`, which RADAU5 stores as `γ, α ± iβ`.
    @Test func radauPolesAreTheEigenvaluesOfTheInverseMatrix() {
        let coefficients = RadauCoefficients.radauIIA5
        let poles = OneStepStability(coefficients).poles.sorted { $0.im < $1.im }
        let expected = [Complex(coefficients.alpha, -coefficients.beta), Complex(coefficients.gamma), Complex(coefficients.alpha, coefficients.beta)]
        for (pole, value) in zip(poles, expected) { #expect((pole - value).magnitude < 1e-9, "\(pole) vs \(value)") }
    }

    static var oneStepMethods: [OneStepStability] {
        ButcherTableau.all.compactMap { OneStepStability($0) } + RosenbrockTableau.all.map { OneStepStability($0) }
            + ESDIRKTableau.all.map { OneStepStability($0) } + [OneStepStability(RadauCoefficients.radauIIA5)]
    }

    static var embeddedMethods: [OneStepStability] {
        ButcherTableau.all.compactMap { OneStepStability($0, embedded: true) }
            + RosenbrockTableau.all.map { OneStepStability($0, embedded: true) }
            + ESDIRKTableau.all.map { OneStepStability($0, embedded: true) }
    }

    /// `R(z) = eᶻ + O(z^{p+1})`: the Taylor coefficients of `R` are `1/k!` up to the order, for
    /// the methods and for their embedded solutions.
    @Test func stabilityFunctionsMatchTheExponentialToTheirOrder() {
        for method in Self.oneStepMethods + Self.embeddedMethods where method.name != "rosenbrock23 (embedded)" {
            Self.expectExponentialSeries(method)
        }
    }

    /// ode23s's stored error weights are `m̂ − m`, not `m − m̂` as ``RosenbrockTableau`` documents
    /// (the paper's `err = h(k₁ − 2k₂ + k₃)/6` estimates `y(t + h) − y₁`): `y₁ − err` is only of
    /// order 2 while `y₁ + err` is of order 3. Harmless for step control (only the norm is used).
    /// Rosenbrock23's error weights are `m − m̂`, so `y₁ − err` is its third-order embedded solution.
    @Test func rosenbrock23EmbeddedSolutionIsThirdOrder() {
        Self.expectExponentialSeries(OneStepStability(RosenbrockTableau.rosenbrock23, embedded: true))
    }

    static func expectExponentialSeries(_ method: OneStepStability) {
        let coefficients = method.taylorCoefficients(count: method.order + 1)
        var factorial = 1.0
        for k in 0...method.order {
            if k > 0 { factorial *= Double(k) }
            #expect(abs(coefficients[k] * factorial - 1) < 1e-9, "\(method.name): coefficient \(k)")
        }
    }

    /// The same seen directly: `|R(z) − eᶻ|` falls like `|z|^{p+1}` as `z → 0` (observed slope
    /// within 0.2), evaluated through the stage system rather than the polynomials.
    @Test(arguments: ["euler", "heun", "bs3", "rk4", "dopri5", "rosenbrock23"])
    func errorAgainstTheExponentialHasSlopeOrderPlusOne(name: String) throws {
        let method = try #require(StabilityCatalog.named(name) as? OneStepStability)
        let direction = Complex(magnitude: 1, phase: 2.0)
        let sizes = [0.2, 0.1, 0.05]
        let errors = sizes.map { h in (method.value(at: h * direction) - Complex.exp(h * direction)).magnitude }
        for k in 1..<sizes.count {
            let slope = log(errors[k - 1] / errors[k]) / log(2)
            #expect(abs(slope - Double(method.order + 1)) < 0.2, "\(name): slope \(slope)")
        }
    }
}

/// Order stars: near 0, `R(z)e^{−z} = 1 − Cz^{p+1} + …`, so a small circle crosses the star's
/// boundary `2(p + 1)` times (Wanner, Hairer & Nørsett's order star theorem).
@Suite struct OrderStarTests {
    @Test(arguments: [("bs3", 3), ("rk4", 4), ("dopri5", 5), ("radau5", 5), ("rodas4", 4)])
    func smallCircleCrossesTheStarTwicePerOrderPlusOne(name: String, order: Int) throws {
        let method = try #require(StabilityCatalog.named(name))
        let samples = 7200
        let signs = (0..<samples).map { k -> Bool in
            let z = Complex(magnitude: 0.4, phase: 2 * Double.pi * (Double(k) + 0.5) / Double(samples))
            return method.amplification(at: z) * exp(-z.re) > 1
        }
        let crossings = (0..<samples).filter { signs[$0] != signs[($0 + 1) % samples] }.count
        #expect(crossings == 2 * (order + 1), "\(name): \(crossings)")
    }

    /// The order star grid is the same function on a grid.
    @Test func gridSamplesTheOrderStarFunction() throws {
        let method = try #require(StabilityCatalog.named("rk4"))
        let grid = StabilityGrid.orderStar(method, real: -1...1, imaginary: -1...1, columns: 5, rows: 5)
        let z = Complex(grid.x[1], grid.y[3])
        #expect(grid.values[3 * 5 + 1] == method.amplification(at: z) * exp(-z.re))
    }
}

/// A region in pieces: the interval reported is the piece that contains 0.
@Suite struct DisconnectedRegionTests {
    @Test func bs3EstimatorHasARealIslandBeyondItsInterval() throws {
        let method = try #require(StabilityCatalog.named("bs3:embedded"))
        let interval = StabilityAnalysis.realInterval(method)
        #expect(abs(interval.lower + 3.1523) < 1e-4, "\(interval)")
        // Unstable just beyond the interval, stable again on an island near −6.
        #expect(method.amplification(at: Complex(interval.lower - 0.5)) > 1)
        #expect(method.amplification(at: Complex(-6)) <= 1)
    }
}

/// Methods answer for their own stability.
@Suite struct StabilityAnalyzableTests {
    @Test func solversGiveTheirStabilityModels() {
        #expect(abs(StabilityAnalysis.realInterval(ExplicitRungeKutta.rk4.linearStability).lower + 2.785293563405282) < 1e-10)
        let radau = RadauIIA5().linearStability, rodas = RosenbrockMethod.rodas5P.linearStability
        let kvaerno = ESDIRKMethod.kvaerno5.linearStability
        #expect(StabilityAnalysis.isLStable(radau) && StabilityAnalysis.isLStable(rodas) && StabilityAnalysis.isLStable(kvaerno))
        let bdf = BDFMethod.fixedOrder(4).linearStability
        #expect(bdf.name == "bdf4" && abs(bdf.sectorAngle() * 180 / Double.pi - 73.35) < 0.01)
    }
}

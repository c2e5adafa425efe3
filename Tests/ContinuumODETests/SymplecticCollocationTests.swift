import ContinuumODE
import Foundation
import Testing
import _TestSupport

/// Implicit midpoint and Gauss-Legendre 4 and 6 on separable and non-separable Hamiltonians.
@Suite struct SymplecticCollocationTests {
    /// `H = (q² + 1)(p² + 1)/2`: non-separable, nonlinear, bounded orbits.
    static let coupled = ClosureHamiltonian(
        degreesOfFreedom: 1,
        gradient: { q, p, dq, dp in
            dq[0] = q[0] * (p[0] * p[0] + 1)
            dp[0] = p[0] * (q[0] * q[0] + 1)
        },
        energy: { q, p in (q[0] * q[0] + 1) * (p[0] * p[0] + 1) / 2 })

    /// `H = ½(q₁² + 2q₂² + p₁² + p₂²) + 0.3 q₁p₂ + 0.2 q₂p₁`: quadratic and non-separable, so the
    /// step is a linear map whose columns are the images of the unit vectors.
    static let quadratic = ClosureHamiltonian(
        degreesOfFreedom: 2,
        gradient: { q, p, dq, dp in
            dq[0] = q[0] + 0.3 * p[1]
            dq[1] = 2 * q[1] + 0.2 * p[0]
            dp[0] = p[0] + 0.2 * q[1]
            dp[1] = p[1] + 0.3 * q[0]
        },
        energy: { q, p in
            (q[0] * q[0] + 2 * q[1] * q[1] + p[0] * p[0] + p[1] * p[1]) / 2 + 0.3 * q[0] * p[1] + 0.2 * q[1] * p[0]
        })

    static func run<F: HamiltonianSystem>(
        _ method: CollocationMethod, _ system: F, q: [Double], p: [Double], h: Double, steps: Int
    ) -> [Double] {
        var q = q, p = p
        let workspace = CollocationWorkspace(degreesOfFreedom: system.degreesOfFreedom, stageCount: method.stageCount)
        q.withUnsafeMutableBufferPointer { q in
            p.withUnsafeMutableBufferPointer { p in
                for _ in 0..<steps { #expect(method.step(system, h: h, q: q, p: p, workspace: workspace) > 0) }
            }
        }
        return q + p
    }

    @Test(arguments: CollocationMethod.all.map(\.name))
    func observedOrderOnKepler(_ name: String) throws {
        let method = CollocationMethod.named(name)!
        let e = 0.2, span = 2.0
        let counts = method.order == 2 ? [50, 100, 200, 400, 800] : (method.order == 4 ? [20, 40, 80, 160, 320] : [10, 20, 40, 80, 160])
        let exact = SymplecticTestProblems.keplerExact(span, eccentricity: e)
        let errors = try counts.map { count in
            let problem = try PartitionedProblem(
                SymplecticTestProblems.kepler,
                q0: [1 - e, 0], p0: [0, ((1 + e) / (1 - e)).squareRoot()], from: 0, to: span)
            let result = try solve(problem, with: method, options: GeometricOptions(stepSize: span / Double(count), saveEvery: 0))
            #expect(result.solution.status == .success)
            return SymplecticTestProblems.distance(result.solution.finalState!, exact)
        }
        let observed = observedOrder(stepSizes: counts.map { span / Double($0) }, errors: errors, floor: 1e-12)
        #expect(abs(observed - Double(method.order)) <= 0.2, "\(name): observed \(observed), errors \(errors)")
    }

    @Test(arguments: CollocationMethod.all.map(\.name))
    func linearStepIsSymplecticAndConservesTheQuadraticEnergy(_ name: String) {
        let method = CollocationMethod.named(name)!
        let h = 0.1
        var j = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for k in 0..<4 {
            var unit = [0.0, 0, 0, 0]
            unit[k] = 1
            let image = Self.run(method, Self.quadratic, q: Array(unit[0..<2]), p: Array(unit[2..<4]), h: h, steps: 1)
            for i in 0..<4 { j[i][k] = image[i] }
        }
        let defect = SymplecticGeometryTests.symplecticDefect(j)
        #expect(defect <= 1e-12, "\(name): |JᵀΩJ − Ω| = \(defect)")
        // Quadratic invariants are conserved exactly by Gauss methods: only rounding remains.
        let start = [0.7, -0.2, 0.1, 0.5]
        let end = Self.run(method, Self.quadratic, q: [0.7, -0.2], p: [0.1, 0.5], h: h, steps: 1000)
        let energy = { (y: [Double]) in
            y.withUnsafeBufferPointer { y in
                Self.quadratic.energy(UnsafeBufferPointer(rebasing: y[0..<2]), UnsafeBufferPointer(rebasing: y[2..<4]))
            }
        }
        #expect(abs(energy(end) - energy(start)) <= 1e-13, "\(name): energy error \(abs(energy(end) - energy(start)))")
    }

    @Test(arguments: CollocationMethod.all.map(\.name))
    func stepsBackwardsRetraceANonSeparableOrbit(_ name: String) {
        let method = CollocationMethod.named(name)!
        let forward = Self.run(method, Self.coupled, q: [0.5], p: [0.3], h: 0.05, steps: 100)
        let back = Self.run(method, Self.coupled, q: [forward[0]], p: [forward[1]], h: -0.05, steps: 100)
        #expect(SymplecticTestProblems.distance(back, [0.5, 0.3]) <= 1e-13, "\(name): back at \(back)")
        // Energy of a non-separable H stays bounded near its initial value (no drift).
        let long = Self.run(method, Self.coupled, q: [0.5], p: [0.3], h: 0.05, steps: 4000)
        let energy = { (q: Double, p: Double) in (q * q + 1) * (p * p + 1) / 2 }
        let (h0, h1) = (energy(0.5, 0.3), energy(long[0], long[1]))
        #expect(abs(h1 - h0) < 1e-3 * h0, "\(name): energy \(h0) → \(h1)")
    }

    @Test func divergentIterationIsAStatus() throws {
        let problem = try PartitionedProblem(Self.coupled, q0: [3], p0: [3], from: 0, to: 10)
        let result = try solve(problem, with: .gauss4, options: GeometricOptions(stepSize: 5))
        #expect(result.solution.status == .newtonDivergence)
        #expect(result.solution.message != nil)
    }
}

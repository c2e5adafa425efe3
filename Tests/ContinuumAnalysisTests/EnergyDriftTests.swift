import ContinuumAnalysis
import ContinuumODE
import Foundation
import Testing

/// The Kepler bar: on the orbit of eccentricity 0.6, symplectic methods' energy error stays bounded
/// (last tenth's maximum within 2× of the first tenth's) while RK4 at the same step drifts.
///
/// The suite runs 10⁵ steps (h = 0.01, about 160 orbits); with `CONTINUUM_LONG_TESTS=1` it also
/// runs the full 10⁶ steps (about 1600 orbits).
@Suite struct EnergyDriftTests {
    static let kepler = SeparableHamiltonian.kepler
    static let e = 0.6
    static let h = 0.01

    static func problem(steps: Int) throws -> PartitionedProblem<SeparableHamiltonian> {
        let start = SeparableHamiltonian.keplerPericentre(eccentricity: e)
        return try PartitionedProblem(kepler, q0: start.q, p0: start.p, from: 0, to: h * Double(steps))
    }

    static func checkBar(steps: Int) throws {
        let problem = try problem(steps: steps)
        let record = steps / 10_000
        for method in [SplittingMethod.velocityVerlet, .yoshida4] {
            let summary = try EnergyDrift.measure(problem, method: method, stepSize: h, recordEvery: record).summary
            #expect(summary.steps == steps)
            #expect(summary.isBounded(factor: 2), "\(method.name): \(summary)")
            #expect(summary.maxError < (method.order == 2 ? 1e-3 : 1e-6), "\(method.name): \(summary)")
        }
        let rk4 = try EnergyDrift.measure(problem, solver: ExplicitRungeKutta.rk4, stepSize: h, recordEvery: record).summary
        #expect(rk4.steps == steps)
        #expect(rk4.growth > 5, "rk4 should drift: \(rk4)")
    }

    @Test func keplerBarOverOneHundredThousandSteps() throws {
        try Self.checkBar(steps: 100_000)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CONTINUUM_LONG_TESTS"] == "1"))
    func keplerBarOverOneMillionSteps() throws {
        try Self.checkBar(steps: 1_000_000)
    }

    @Test func summaryTakesTheTenthsByTime() {
        let drift = EnergyDrift(method: "m", times: [0, 1, 5, 9, 10], energies: [1, 1.5, 4, 1.25, 3], steps: 4)
        let s = drift.summary
        #expect(s == EnergyDriftSummary(method: "m", maxError: 3, maxErrorFirstTenth: 0.5, maxErrorLastTenth: 2, steps: 4))
        #expect(!s.isBounded())
        let nan = EnergyDrift(method: "m", times: [0, 10], energies: [1, .nan], steps: 1).summary
        #expect(nan.maxError.isNaN && nan.maxErrorLastTenth.isNaN)
    }

    @Test func implicitMethodOnANonSeparableHamiltonianHasNoDrift() throws {
        // H = (q² + 1)(p² + 1)/2 with Gauss 4.
        let system = ClosureHamiltonian(
            degreesOfFreedom: 1,
            gradient: { q, p, dq, dp in
                dq[0] = q[0] * (p[0] * p[0] + 1)
                dp[0] = p[0] * (q[0] * q[0] + 1)
            },
            energy: { q, p in (q[0] * q[0] + 1) * (p[0] * p[0] + 1) / 2 })
        let problem = try PartitionedProblem(system, q0: [1], p0: [0.5], from: 0, to: 500)
        let gauss = try EnergyDrift.measure(problem, method: .gauss4, stepSize: 0.1).summary
        #expect(gauss.isBounded() && gauss.maxError < 1e-4, "\(gauss)")
        let rk4 = try EnergyDrift.measure(problem, solver: ExplicitRungeKutta.rk4, stepSize: 0.1).summary
        #expect(rk4.growth > 5, "\(rk4)")
    }
}

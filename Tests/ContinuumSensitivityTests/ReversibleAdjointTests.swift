import ContinuumModels
import ContinuumODE
import ContinuumSensitivity
import Foundation
import Testing

/// The Kepler problem with gravitational parameter `θ = (μ)`: `H = |p|²/2 − μ/|q|`, two degrees
/// of freedom with a coupled force Jacobian `∂F/∂q = −μ(I/r³ − 3qqᵀ/r⁵)`.
struct KeplerWithMu: DifferentiablePartitionedField {
    var mu: Double
    var degreesOfFreedom: Int { 2 }
    var parameterCount: Int { 1 }
    func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        dq[0] = p[0]
        dq[1] = p[1]
    }
    func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        let r2 = q[0] * q[0] + q[1] * q[1], r3 = r2 * r2.squareRoot()
        dp[0] = -mu * q[0] / r3
        dp[1] = -mu * q[1] / r3
    }
    func forceVJP(
        _ t: Double, _ q: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        coordinateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let r2 = q[0] * q[0] + q[1] * q[1], r3 = r2 * r2.squareRoot(), r5 = r3 * r2
        let vq = v[0] * q[0] + v[1] * q[1]
        for j in 0..<2 { coordinateProduct[j] = -mu * (v[j] / r3 - 3 * q[j] * vq / r5) }
        parameterProduct[0] = -vq / r3
    }
    func velocityVJP(
        _ p: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        momentumProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        momentumProduct[0] = v[0]
        momentumProduct[1] = v[1]
        parameterProduct[0] = 0
    }
}

/// The exact adjoint of splitting methods: undoing the steps (constant memory) gives the gradient
/// of the discrete adjoint over stored states to rounding, and both equal central finite
/// differences of the same fixed-step solve.
@Suite("Reversible adjoint of splitting methods")
struct ReversibleAdjointTests {
    static let pendulum = Pendulum(frequencySquared: 1.3, mass: 0.8)
    static let times = [1.0, 2.5, 4.0]

    /// `Σᵢ |y(tᵢ)|²` from `solve` with the method (no gradient code involved).
    static func loss<F: PartitionedVectorField & HamiltonianSystem>(
        _ field: F, q0: [Double], p0: [Double], method: SplittingMethod, h: Double, times: [Double]
    ) throws -> Double {
        let problem = try PartitionedProblem(field, q0: q0, p0: p0, from: 0, to: times.last!)
        let result = try solve(problem, with: method, options: GeometricOptions(stepSize: h, saveEvery: 1))
        let solution = result.solution
        var total = 0.0
        for t in times {
            let index = solution.times.firstIndex { abs($0 - t) < 1e-9 }!
            total += solution[index].map { $0 * $0 }.reduce(0, +)
        }
        return total
    }

    @Test(arguments: ["verlet", "position-verlet", "yoshida4", "blanes-moan6", "ruth3", "mclachlan4", "symplectic-euler-kd"])
    func reversibleEqualsStoredAndFiniteDifferences(name: String) throws {
        let method = SplittingMethod.named(name)!
        let h = 0.05
        let (q0, p0) = ([1.2], [0.3])
        let problem = try PartitionedProblem(Self.pendulum, q0: q0, p0: p0, from: 0, to: 4)
        let reversible = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: method, stepSize: h, adjoint: .reversible)
        let stored = try gradient(
            of: SumOfSquaresLoss(), at: Self.times, for: problem, with: method, stepSize: h, adjoint: .storingAll)
        let all = reversible.parameterGradient + reversible.initialStateGradient
        let reference = stored.parameterGradient + stored.initialStateGradient
        #expect(relativeDifference(all, reference) < 1e-9, "\(name): \(all) vs \(reference)")
        #expect(reversible.statistics.storedStates == 1)
        #expect(stored.statistics.storedStates == 81)
        let direct = try Self.loss(Self.pendulum, q0: q0, p0: p0, method: method, h: h, times: Self.times)
        #expect(abs(reversible.loss - direct) < 1e-12 * direct)

        var differences = [Double]()
        let e = 1e-6
        for k in 0..<4 {
            func perturbed(_ sign: Double) throws -> Double {
                var field = Self.pendulum, q = q0, p = p0
                switch k {
                case 0: field.frequencySquared += sign * e
                case 1: field.mass += sign * e
                case 2: q[0] += sign * e
                default: p[0] += sign * e
                }
                return try Self.loss(field, q0: q, p0: p, method: method, h: h, times: Self.times)
            }
            differences.append((try perturbed(1) - perturbed(-1)) / (2 * e))
        }
        let error = relativeDifference(all, differences)
        #expect(error < 1e-7, "\(name): relative difference to finite differences \(error)")
    }

    /// Two coupled degrees of freedom, a loss at several times including `t0`, 2000 steps of an
    /// eccentric orbit: the recovered states still give the stored-state gradient to 1e-9.
    @Test func keplerOrbit() throws {
        let (q0, p0) = SeparableHamiltonian.keplerPericentre(eccentricity: 0.6)
        let field = KeplerWithMu(mu: 1)
        let problem = try PartitionedProblem(field, q0: q0, p0: p0, from: 0, to: 20)
        let times = [0.0, 5, 12.5, 20]
        let loss = ClosureTrajectoryLoss { index, _, y, g in
            // ℓᵢ = (i + 1)·(q₁ + p₀)², a different weight per time.
            let r = y[1] + y[2], w = Double(index + 1)
            for j in 0..<4 { g[j] = 0 }
            g[1] = 2 * w * r
            g[2] = 2 * w * r
            return w * r * r
        }
        let reversible = try gradient(of: loss, at: times, for: problem, with: .yoshida4, stepSize: 0.01)
        let stored = try gradient(of: loss, at: times, for: problem, with: .yoshida4, stepSize: 0.01, adjoint: .storingAll)
        #expect(reversible.statistics.backward.acceptedSteps == 2000)
        let a = reversible.parameterGradient + reversible.initialStateGradient
        let b = stored.parameterGradient + stored.initialStateGradient
        #expect(relativeDifference(a, b) < 1e-9, "\(a) vs \(b)")
        // Finite differences in μ of the same discrete solve.
        let e = 1e-6
        func value(_ mu: Double) throws -> Double {
            let problem = try PartitionedProblem(KeplerWithMu(mu: mu), q0: q0, p0: p0, from: 0, to: 20)
            return try gradient(of: loss, at: times, for: problem, with: .yoshida4, stepSize: 0.01).loss
        }
        let difference = (try value(1 + e) - value(1 - e)) / (2 * e)
        #expect(abs(difference - a[0]) < 1e-6 * max(1, abs(a[0])), "\(difference) vs \(a[0])")
    }

    /// A problem integrated backwards in time (`t1 < t0`, negative steps).
    @Test func backwardsInTime() throws {
        func solve(_ omegaSquared: Double, _ adjoint: SplittingAdjoint) throws -> GradientResult {
            let problem = try PartitionedProblem(
                Pendulum(frequencySquared: omegaSquared, mass: 1), q0: [0.7], p0: [-0.2], from: 3, to: -1)
            return try gradient(
                of: SumOfSquaresLoss(), at: [2, 0, -1], for: problem, with: .velocityVerlet, stepSize: 0.02,
                adjoint: adjoint)
        }
        let reversible = try solve(1.1, .reversible), stored = try solve(1.1, .storingAll)
        #expect(reversible.statistics.backward.acceptedSteps == 200)
        let a = reversible.parameterGradient + reversible.initialStateGradient
        #expect(relativeDifference(a, stored.parameterGradient + stored.initialStateGradient) < 1e-9)
        let e = 1e-6
        let difference = (try solve(1.1 + e, .reversible).loss - solve(1.1 - e, .reversible).loss) / (2 * e)
        #expect(abs(difference - a[0]) < 1e-7 * max(1, abs(a[0])), "\(difference) vs \(a[0])")
    }

    @Test func rejectsBadInput() throws {
        let problem = try PartitionedProblem(Self.pendulum, q0: [1], p0: [0], from: 0, to: 4)
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: [1, 2], for: problem, with: .velocityVerlet, stepSize: 0)
        }
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: [2, 1], for: problem, with: .velocityVerlet, stepSize: 0.1)
        }
        #expect(throws: SensitivityError.self) {
            try gradient(of: SumOfSquaresLoss(), at: [5], for: problem, with: .velocityVerlet, stepSize: 0.1)
        }
    }
}

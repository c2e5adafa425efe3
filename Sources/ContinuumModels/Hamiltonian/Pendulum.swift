import ContinuumODE
import ContinuumSensitivity
import Foundation

/// The pendulum `H(q, p) = p²/(2m) − m ω² cos q` (a point mass `m` on a rod, `ω² = g/ℓ`), with
/// parameters `θ = (ω², m)` and hand-written derivatives: `q' = p/m`, `p' = −m ω² sin q`.
///
/// Its small-amplitude period is `2π/ω`; from rest at amplitude `q₀` the period is
/// `4K(sin(q₀/2))/ω` with `K` the complete elliptic integral of the first kind
/// (``exactPeriod(amplitude:)``). It is the test problem of the reversible adjoint and the
/// Hamiltonian neural network.
public struct Pendulum: DifferentiablePartitionedField, HamiltonianSystem, Sendable {
    /// `ω² = g/ℓ`.
    public var frequencySquared: Double
    /// The mass `m`.
    public var mass: Double

    public init(frequencySquared: Double = 1, mass: Double = 1) {
        self.frequencySquared = frequencySquared
        self.mass = mass
    }

    public var degreesOfFreedom: Int { 1 }
    public var parameterCount: Int { 2 }

    @inlinable
    public func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        dq[0] = p[0] / mass
    }

    @inlinable
    public func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        dp[0] = -mass * frequencySquared * sin(q[0])
    }

    @inlinable
    public func forceVJP(
        _ t: Double, _ q: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        coordinateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        coordinateProduct[0] = -mass * frequencySquared * cos(q[0]) * v[0]
        let s = sin(q[0])
        parameterProduct[0] = -mass * s * v[0]
        parameterProduct[1] = -frequencySquared * s * v[0]
    }

    @inlinable
    public func velocityVJP(
        _ p: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        momentumProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        momentumProduct[0] = v[0] / mass
        parameterProduct[0] = 0
        parameterProduct[1] = -p[0] / (mass * mass) * v[0]
    }

    @inlinable
    public func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>
    ) {
        dHdq[0] = mass * frequencySquared * sin(q[0])
        dHdp[0] = p[0] / mass
    }

    public func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        p[0] * p[0] / (2 * mass) - mass * frequencySquared * cos(q[0])
    }

    /// The period of the swing from rest at `amplitude` (`0 < amplitude < π`):
    /// `T = 4K(k)/ω`, `k = sin(amplitude/2)`, with `K(k) = π / (2 AGM(1, √(1 − k²)))`.
    public func exactPeriod(amplitude: Double) -> Double {
        let k = sin(amplitude / 2)
        var (a, b) = (1.0, (1 - k * k).squareRoot())
        while abs(a - b) > 1e-15 * a { (a, b) = ((a + b) / 2, (a * b).squareRoot()) }
        return 4 * (Double.pi / (2 * a)) / frequencySquared.squareRoot()
    }
}

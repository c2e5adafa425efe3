/// A general (possibly non-separable) Hamiltonian `H(q, p)` given by closures for its gradient and
/// its value, for the implicit symplectic methods.
///
/// ```swift
/// // H = (q² + 1)(p² + 1)/2: ∂H/∂q = q(p² + 1), ∂H/∂p = p(q² + 1).
/// let coupled = ClosureHamiltonian(degreesOfFreedom: 1,
///     gradient: { q, p, dq, dp in dq[0] = q[0] * (p[0] * p[0] + 1); dp[0] = p[0] * (q[0] * q[0] + 1) },
///     energy: { q, p in (q[0] * q[0] + 1) * (p[0] * p[0] + 1) / 2 })
/// ```
public struct ClosureHamiltonian: HamiltonianSystem, Sendable {
    /// Writes `∂H/∂q` and `∂H/∂p` at `(q, p)`.
    public typealias Gradient = @Sendable (
        UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
        UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) -> Void
    /// `H(q, p)`.
    public typealias Energy = @Sendable (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Double

    public let degreesOfFreedom: Int
    @usableFromInline let gradientFunction: Gradient
    @usableFromInline let energyFunction: Energy

    public init(degreesOfFreedom: Int, gradient: @escaping Gradient, energy: @escaping Energy) {
        self.degreesOfFreedom = degreesOfFreedom
        gradientFunction = gradient
        energyFunction = energy
    }

    @inlinable
    public func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>
    ) {
        gradientFunction(q, p, dHdq, dHdp)
    }

    public func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        energyFunction(q, p)
    }
}

/// A separable Hamiltonian `H(q, p) = T(p) + V(q)` given by its two gradients (and, for energy
/// diagnostics, its two parts).
///
/// Hamilton's equations `q' = ∂T/∂p`, `p' = −∂V/∂q` are a ``PartitionedVectorField`` (for the
/// explicit splitting methods) and a ``HamiltonianSystem`` (for the implicit ones).
///
/// ```swift
/// // Kepler problem: T = |p|²/2, V = −1/|q|.
/// let kepler = SeparableHamiltonian(
///     degreesOfFreedom: 2,
///     kineticGradient: { p, dT in dT[0] = p[0]; dT[1] = p[1] },
///     potentialGradient: { q, dV in
///         let r2 = q[0] * q[0] + q[1] * q[1]
///         let r3 = r2 * r2.squareRoot()
///         dV[0] = q[0] / r3; dV[1] = q[1] / r3
///     },
///     kineticEnergy: { p in (p[0] * p[0] + p[1] * p[1]) / 2 },
///     potentialEnergy: { q in -1 / (q[0] * q[0] + q[1] * q[1]).squareRoot() })
/// ```
public struct SeparableHamiltonian: PartitionedVectorField, HamiltonianSystem, Sendable {
    /// A gradient: argument, gradient to fill.
    public typealias Gradient = @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    /// An energy part as a function of its argument.
    public typealias Energy = @Sendable (UnsafeBufferPointer<Double>) -> Double

    public let degreesOfFreedom: Int
    @usableFromInline let kineticGradient: Gradient
    @usableFromInline let potentialGradient: Gradient
    @usableFromInline let kineticEnergy: Energy?
    @usableFromInline let potentialEnergy: Energy?
    /// The mass of ``particle(degreesOfFreedom:mass:potentialGradient:potential:)``, whose
    /// velocity `p/m` is computed inline instead of through a closure.
    @usableFromInline var particleMass: Double?

    /// `kineticGradient(p, dT)` writes `∂T/∂p`, `potentialGradient(q, dV)` writes `∂V/∂q`. Without
    /// `kineticEnergy` and `potentialEnergy`, ``energy(_:_:)`` is NaN.
    public init(
        degreesOfFreedom: Int, kineticGradient: @escaping Gradient, potentialGradient: @escaping Gradient,
        kineticEnergy: Energy? = nil, potentialEnergy: Energy? = nil
    ) {
        self.degreesOfFreedom = degreesOfFreedom
        self.kineticGradient = kineticGradient
        self.potentialGradient = potentialGradient
        self.kineticEnergy = kineticEnergy
        self.potentialEnergy = potentialEnergy
    }

    /// `H = |p|²/(2m) + V(q)`: a particle of mass `mass` in the potential `V`.
    public static func particle(
        degreesOfFreedom n: Int, mass: Double = 1, potentialGradient: @escaping Gradient, potential: Energy? = nil
    ) -> SeparableHamiltonian {
        var hamiltonian = SeparableHamiltonian(
            degreesOfFreedom: n,
            kineticGradient: { p, dT in for i in 0..<n { dT[i] = p[i] / mass } },
            potentialGradient: potentialGradient,
            kineticEnergy: { p in
                var sum = 0.0
                for i in 0..<n { sum += p[i] * p[i] }
                return sum / (2 * mass)
            },
            potentialEnergy: potential)
        hamiltonian.particleMass = mass
        return hamiltonian
    }

    @inlinable
    public func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        if let mass = particleMass {
            for i in 0..<degreesOfFreedom { dq[i] = p[i] / mass }
        } else {
            kineticGradient(p, dq)
        }
    }

    @inlinable
    public func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        potentialGradient(q, dp)
        for i in 0..<degreesOfFreedom { dp[i] = -dp[i] }
    }

    @inlinable
    public func gradient(
        _ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>,
        _ dHdq: UnsafeMutableBufferPointer<Double>, _ dHdp: UnsafeMutableBufferPointer<Double>
    ) {
        potentialGradient(q, dHdq)
        velocity(p, dHdp)
    }

    public func energy(_ q: UnsafeBufferPointer<Double>, _ p: UnsafeBufferPointer<Double>) -> Double {
        guard let kineticEnergy, let potentialEnergy else { return .nan }
        return kineticEnergy(p) + potentialEnergy(q)
    }
}

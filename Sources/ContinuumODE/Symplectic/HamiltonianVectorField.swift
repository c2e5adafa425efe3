/// Hamilton's equations of a ``HamiltonianSystem`` as an ordinary ``VectorField`` on
/// `y = (q, p)`: `y' = (∂H/∂p, −∂H/∂q)`, so that any ODE solver (Runge-Kutta, Rosenbrock, …) can
/// integrate it, e.g. to compare its energy drift with a symplectic method's.
///
/// ```swift
/// let field = HamiltonianVectorField(kepler)
/// let problem = try ODEProblem(field, y0: [0.4, 0, 0, 2], from: 0, to: 100)
/// let solution = try solve(problem, with: .rk4, options: .fixedStep(0.01))
/// ```
public struct HamiltonianVectorField<System: HamiltonianSystem>: VectorField {
    /// The Hamiltonian system.
    public let system: System

    public init(_ system: System) {
        self.system = system
    }

    public var dimension: Int { 2 * system.degreesOfFreedom }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        let n = system.degreesOfFreedom
        system.gradient(
            UnsafeBufferPointer(rebasing: y[0..<n]), UnsafeBufferPointer(rebasing: y[n..<(2 * n)]),
            UnsafeMutableBufferPointer(rebasing: dy[n..<(2 * n)]), UnsafeMutableBufferPointer(rebasing: dy[0..<n]))
        for i in n..<(2 * n) { dy[i] = -dy[i] }
    }

    /// `H` at the state `y = (q, p)`.
    public func energy(_ y: UnsafeBufferPointer<Double>) -> Double {
        let n = system.degreesOfFreedom
        return system.energy(UnsafeBufferPointer(rebasing: y[0..<n]), UnsafeBufferPointer(rebasing: y[n..<(2 * n)]))
    }
}

extension HamiltonianVectorField: Sendable where System: Sendable {}

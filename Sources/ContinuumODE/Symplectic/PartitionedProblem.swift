/// An initial value problem for a system in canonical coordinates: `(q, p)(t0) = (q0, p0)`,
/// integrated from `t0` to `t1` (either direction).
///
/// `Field` is a ``PartitionedVectorField`` for the explicit splitting methods, a
/// ``HamiltonianSystem`` for the implicit ones (a ``SeparableHamiltonian`` is both). Construction
/// validates the problem, so a problem that exists can be solved.
///
/// ```swift
/// let oscillator = SeparableHamiltonian.particle(degreesOfFreedom: 1,
///     potentialGradient: { q, dV in dV[0] = q[0] }, potential: { q in q[0] * q[0] / 2 })
/// let problem = try PartitionedProblem(oscillator, q0: [1], p0: [0], from: 0, to: 10)
/// let result = try solve(problem, with: .velocityVerlet, options: GeometricOptions(stepSize: 0.01))
/// ```
public struct PartitionedProblem<Field> {
    /// The equations of motion.
    public var field: Field
    /// Initial coordinates.
    public var q0: [Double]
    /// Initial momenta.
    public var p0: [Double]
    /// Initial time.
    public var t0: Double
    /// Final time.
    public var t1: Double

    init(_ field: Field, degreesOfFreedom n: Int, q0: [Double], p0: [Double], t0: Double, t1: Double) throws(ODEError) {
        guard n > 0 else { throw .invalidOption(name: "degreesOfFreedom", reason: "must be positive, got \(n)") }
        guard q0.count == n else { throw .dimensionMismatch(expected: n, actual: q0.count, what: "q0") }
        guard p0.count == n else { throw .dimensionMismatch(expected: n, actual: p0.count, what: "p0") }
        if let bad = q0.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "q0[\(bad)]") }
        if let bad = p0.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "p0[\(bad)]") }
        guard t0.isFinite else { throw .nonFinite(what: "t0") }
        guard t1.isFinite else { throw .nonFinite(what: "t1") }
        guard t0 != t1 else { throw .emptyTimeSpan(t0: t0) }
        self.field = field
        self.q0 = q0
        self.p0 = p0
        self.t0 = t0
        self.t1 = t1
    }

    /// Number of coordinates.
    public var degreesOfFreedom: Int { q0.count }

    /// The direction of integration: `+1` forwards, `-1` backwards.
    public var direction: Double { t1 > t0 ? 1 : -1 }

    /// The initial state `(q0, p0)` as one vector, the layout of the ODE solvers.
    public var y0: [Double] { q0 + p0 }
}

extension PartitionedProblem where Field: PartitionedVectorField {
    /// A problem for the explicit splitting methods.
    public init(_ field: Field, q0: [Double], p0: [Double], from t0: Double, to t1: Double) throws(ODEError) {
        try self.init(field, degreesOfFreedom: field.degreesOfFreedom, q0: q0, p0: p0, t0: t0, t1: t1)
    }
}

extension PartitionedProblem where Field: HamiltonianSystem {
    /// A problem for the implicit symplectic methods.
    public init(_ field: Field, q0: [Double], p0: [Double], from t0: Double, to t1: Double) throws(ODEError) {
        try self.init(field, degreesOfFreedom: field.degreesOfFreedom, q0: q0, p0: p0, t0: t0, t1: t1)
    }
}

extension PartitionedProblem where Field: PartitionedVectorField & HamiltonianSystem {
    /// A problem for either family (a separable Hamiltonian).
    public init(_ field: Field, q0: [Double], p0: [Double], from t0: Double, to t1: Double) throws(ODEError) {
        try self.init(field, degreesOfFreedom: field.degreesOfFreedom, q0: q0, p0: p0, t0: t0, t1: t1)
    }
}

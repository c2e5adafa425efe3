/// A second-order equation `q'' = a(t, q)` written as the partitioned system `q' = p`,
/// `p' = a(t, q)`, so that every splitting method applies (velocity Verlet is then the classical
/// Störmer-Verlet scheme of molecular dynamics).
///
/// ```swift
/// let pendulum = SecondOrderSystem(degreesOfFreedom: 1) { _, q, a in a[0] = -sin(q[0]) }
/// ```
public struct SecondOrderSystem: PartitionedVectorField, Sendable {
    /// The acceleration: time, position, acceleration to fill.
    public typealias Acceleration = @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    public let degreesOfFreedom: Int
    @usableFromInline let acceleration: Acceleration

    /// Wraps `acceleration(t, q, a)`, which must write all `degreesOfFreedom` components of `a`.
    public init(degreesOfFreedom: Int, acceleration: @escaping Acceleration) {
        self.degreesOfFreedom = degreesOfFreedom
        self.acceleration = acceleration
    }

    @inlinable
    public func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<degreesOfFreedom { dq[i] = p[i] }
    }

    @inlinable
    public func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        acceleration(t, q, dp)
    }
}

/// A partitioned system `q' = f(p)`, `p' = g(t, q)` given by two closures.
///
/// ```swift
/// let oscillator = PartitionedClosureField(degreesOfFreedom: 1,
///     velocity: { p, dq in dq[0] = p[0] }, force: { _, q, dp in dp[0] = -q[0] })
/// ```
public struct PartitionedClosureField: PartitionedVectorField, Sendable {
    public typealias Velocity = @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    public typealias Force = @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    public let degreesOfFreedom: Int
    @usableFromInline let velocityFunction: Velocity
    @usableFromInline let forceFunction: Force

    /// `velocity(p, dq)` writes `f(p)`; `force(t, q, dp)` writes `g(t, q)`.
    public init(degreesOfFreedom: Int, velocity: @escaping Velocity, force: @escaping Force) {
        self.degreesOfFreedom = degreesOfFreedom
        velocityFunction = velocity
        forceFunction = force
    }

    @inlinable
    public func velocity(_ p: UnsafeBufferPointer<Double>, _ dq: UnsafeMutableBufferPointer<Double>) {
        velocityFunction(p, dq)
    }

    @inlinable
    public func force(_ t: Double, _ q: UnsafeBufferPointer<Double>, _ dp: UnsafeMutableBufferPointer<Double>) {
        forceFunction(t, q, dp)
    }
}

/// A one-step method for a ``PartitionedVectorField`` that advances caller-owned `(q, p)` buffers
/// in place: the capability a fixed-step driver, an energy study or a reversible adjoint asks for.
///
/// ``SplittingMethod``, ``ConformalSplitting`` and ``NesterovScheme`` conform. A method with
/// ``isTimeReversible`` inverts its own step when called with `−h` (up to rounding), so an adjoint
/// can recover earlier states by stepping backwards instead of storing them.
public protocol PartitionedStepper: Sendable {
    /// Short name.
    var name: String { get }
    /// Whether `step(−h) ∘ step(h)` is the identity in exact arithmetic.
    var isTimeReversible: Bool { get }
    /// Advances `(q, p)` from `t` to `t + h`; returns the number of field evaluations made.
    func step<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace: SplittingWorkspace
    ) -> Int
    /// `steps` steps of size `h` from `t` (step `k` starts at `t + k·h`); returns the number of
    /// field evaluations. A default loops over ``step(_:t:h:q:p:workspace:)``.
    func advance<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double, steps: Int,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace: SplittingWorkspace
    ) -> Int
}

extension PartitionedStepper {
    /// Loops over ``step(_:t:h:q:p:workspace:)``; the loop is specialised with the step, so runs
    /// of steps between saves pay no per-step call overhead.
    @inlinable
    public func advance<F: PartitionedVectorField>(
        _ field: F, t: Double, h: Double, steps: Int,
        q: UnsafeMutableBufferPointer<Double>, p: UnsafeMutableBufferPointer<Double>,
        workspace: SplittingWorkspace
    ) -> Int {
        var evaluations = 0
        for k in 0..<steps {
            evaluations += step(field, t: t + Double(k) * h, h: h, q: q, p: p, workspace: workspace)
        }
        return evaluations
    }
}

extension SplittingMethod: PartitionedStepper {
    public var isTimeReversible: Bool { isSymmetric }
}

extension ConformalSplitting: PartitionedStepper {
    /// Damped flows are not reversible in the sense of the protocol: `step(−h)` un-damps, and does
    /// invert the step for a symmetric placement and method.
    public var isTimeReversible: Bool { placement == .symmetric && method.isSymmetric }
}

extension NesterovScheme: PartitionedStepper {
    public var name: String { "nesterov" }
    public var isTimeReversible: Bool { false }
}

/// Integrates `problem` with any ``PartitionedStepper`` at the fixed step `options.stepSize`,
/// saving the state every `options.saveEvery` steps.
@inlinable
public func solve<F: PartitionedVectorField, M: PartitionedStepper>(
    _ problem: PartitionedProblem<F>, with method: M, options: GeometricOptions
) throws(ODEError) -> GeometricSolution {
    let driver = try FixedStepDriver(problem: problem, options: options, methodName: method.name)
    return driver.run(energy: nil, step: partitionedStep(problem.field, method))
}

/// Integrates a separable Hamiltonian with any ``PartitionedStepper``, recording `H(q, p)` every
/// `options.energyEvery` steps.
@inlinable
public func solve<F: PartitionedVectorField & HamiltonianSystem, M: PartitionedStepper>(
    _ problem: PartitionedProblem<F>, with method: M, options: GeometricOptions
) throws(ODEError) -> GeometricSolution {
    let driver = try FixedStepDriver(problem: problem, options: options, methodName: method.name)
    let field = problem.field
    return driver.run(energy: { q, p in field.energy(q, p) }, step: partitionedStep(field, method))
}

@inlinable
func partitionedStep<F: PartitionedVectorField, M: PartitionedStepper>(_ field: F, _ method: M) -> FixedStepDriver.Step {
    let workspace = SplittingWorkspace(degreesOfFreedom: field.degreesOfFreedom)
    return { t, h, steps, q, p in method.advance(field, t: t, h: h, steps: steps, q: q, p: p, workspace: workspace) }
}

import ContinuumODE

/// The backsolve adjoint system: `z = [y, a, θ̄]` with `y' = f`, `a' = −aᵀ ∂f/∂y`,
/// `θ̄' = −aᵀ ∂f/∂θ`, integrated from the last loss time back to `t₀`.
@usableFromInline
struct BacksolveAdjointField<Field: DifferentiableVectorField>: VectorField {
    @usableFromInline let field: Field
    @usableFromInline let n: Int
    @usableFromInline let p: Int

    @inlinable
    init(_ field: Field) {
        self.field = field
        n = field.dimension
        p = field.parameterCount
    }

    @inlinable
    var dimension: Int { 2 * n + p }

    @inlinable
    func evaluate(_ t: Double, _ z: UnsafeBufferPointer<Double>, _ dz: UnsafeMutableBufferPointer<Double>) {
        let y = z.part(0, n)
        field.evaluate(t, y, dz.part(0, n))
        field.vectorJacobianProduct(
            t, y, z.part(n, n), stateProduct: dz.part(n, n), parameterProduct: dz.part(2 * n, p))
        for k in n..<(2 * n + p) { dz[k] = -dz[k] }
    }
}

/// The interpolating adjoint system: `z = [a, θ̄]` with `y(t)` from the forward solve's dense
/// output; `a' = −aᵀ ∂f/∂y`, `θ̄' = −aᵀ ∂f/∂θ`.
@usableFromInline
struct InterpolatingAdjointField<Field: DifferentiableVectorField>: VectorField {
    @usableFromInline let field: Field
    @usableFromInline let forward: DenseHistory
    @usableFromInline let n: Int
    @usableFromInline let p: Int
    @usableFromInline let includesParameters: Bool
    /// `y(t)` (`n`) and, without parameters in the state, the discarded parameter product (`p`).
    @usableFromInline let scratch: ScratchBuffer
    /// The forward step last interpolated.
    @usableFromInline let hint: StepHint

    /// With `includesParameters` false the state is `a` alone (the quadrature adjoint).
    @inlinable
    init(_ field: Field, forward: DenseHistory, includesParameters: Bool) {
        self.field = field
        self.forward = forward
        hint = StepHint(forward.stepStarts.count - 1)
        n = field.dimension
        p = field.parameterCount
        self.includesParameters = includesParameters
        scratch = ScratchBuffer(count: n + p)
    }

    @inlinable
    var dimension: Int { includesParameters ? n + p : n }

    @inlinable
    func evaluate(_ t: Double, _ z: UnsafeBufferPointer<Double>, _ dz: UnsafeMutableBufferPointer<Double>) {
        let y = scratch.slice(0, n)
        forward.evaluate(at: t, into: y, hint: &hint.pointer.pointee)
        let parameterProduct = includesParameters ? dz.part(n, p) : scratch.slice(n, p)
        field.vectorJacobianProduct(
            t, UnsafeBufferPointer(y), z.part(0, n), stateProduct: dz.part(0, n), parameterProduct: parameterProduct)
        for k in 0..<dimension { dz[k] = -dz[k] }
    }
}

/// The index of the step a dense-output query used last, shared by copies of a field.
@usableFromInline
final class StepHint: @unchecked Sendable {
    /// Manually managed so that updating it needs no exclusivity check.
    @usableFromInline let pointer: UnsafeMutablePointer<Int>

    @usableFromInline
    init(_ step: Int) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: step)
    }

    deinit { pointer.deallocate() }
}

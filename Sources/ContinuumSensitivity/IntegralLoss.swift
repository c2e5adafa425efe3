import ContinuumNumerics
import ContinuumODE

/// A running cost `r(t, y)` whose integral `∫ r(t, y(t)) dt` from `t₀` to the last loss time is
/// part of a loss (a regulariser such as the kinetic energy `|f|²`, or a continuous-time fit).
///
/// Implementations write `∂r/∂y` into `gradient` and return `r`, without allocating.
public protocol IntegralLoss {
    /// `r(t, y)` with its gradient.
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double
}

/// An ``IntegralLoss`` given by a closure `(t, y, gradient) -> r`.
public struct ClosureIntegralLoss: IntegralLoss, Sendable {
    /// The closure's signature.
    public typealias Function = @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Double
    @usableFromInline let function: Function

    /// Wraps `function`, which returns `r(t, y)` and writes `∂r/∂y` into its last argument.
    public init(_ function: @escaping Function) { self.function = function }

    @inlinable
    public func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        function(t, y, gradient)
    }
}

/// `y' = f(t, y; θ)` augmented with the running cost: `z = [y, q]`, `q' = r(t, y)`, `q(t₀) = 0`, so
/// that `q` at the last loss time is the integral; its products are those of `f` plus `v_q ∂r/∂y`.
@usableFromInline
struct IntegralAugmentedField<Field: DifferentiableVectorField, Running: IntegralLoss>: DifferentiableVectorField {
    @usableFromInline let field: Field
    @usableFromInline let running: Running
    @usableFromInline let scratch: ScratchBuffer

    @inlinable
    init(_ field: Field, running: Running) {
        self.field = field
        self.running = running
        scratch = ScratchBuffer(count: field.dimension)
    }

    @inlinable var dimension: Int { field.dimension + 1 }
    @inlinable var parameterCount: Int { field.parameterCount }

    @inlinable
    func evaluate(_ t: Double, _ z: UnsafeBufferPointer<Double>, _ dz: UnsafeMutableBufferPointer<Double>) {
        let n = field.dimension
        let y = z.part(0, n)
        field.evaluate(t, y, dz.part(0, n))
        dz[n] = running.evaluate(t, y, gradient: scratch.slice(0, n))
    }

    @inlinable
    func vectorJacobianProduct(
        _ t: Double, _ z: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>,
        stateProduct: UnsafeMutableBufferPointer<Double>, parameterProduct: UnsafeMutableBufferPointer<Double>
    ) {
        let n = field.dimension
        let y = z.part(0, n)
        field.vectorJacobianProduct(t, y, v.part(0, n), stateProduct: stateProduct.part(0, n), parameterProduct: parameterProduct)
        _ = running.evaluate(t, y, gradient: scratch.slice(0, n))
        let weight = v[n]
        for i in 0..<n { stateProduct[i] += weight * scratch.pointer[i] }
        stateProduct[n] = 0
    }
}

/// The pointwise loss on the augmented state, plus `q` at the last loss time.
@usableFromInline
struct IntegralAugmentedLoss<Pointwise: TrajectoryLoss>: TrajectoryLoss {
    @usableFromInline let pointwise: Pointwise
    @usableFromInline let lastIndex: Int

    @inlinable
    init(_ pointwise: Pointwise, lastIndex: Int) {
        self.pointwise = pointwise
        self.lastIndex = lastIndex
    }

    @inlinable
    func evaluate(index: Int, t: Double, y: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>) -> Double {
        let n = y.count - 1
        var value = pointwise.evaluate(index: index, t: t, y: y.part(0, n), gradient: gradient.part(0, n))
        gradient[n] = index == lastIndex ? 1 : 0
        if index == lastIndex { value += y[n] }
        return value
    }
}

/// The gradient of `Σᵢ ℓᵢ(y(tᵢ)) + ∫_{t₀}^{t_last} r(t, y(t)) dt`: the running cost is integrated as
/// an extra state by the same solver, so every ``SensitivityMethod`` differentiates it.
///
/// ```swift
/// let kinetic = ClosureIntegralLoss { _, y, g in
///     for i in y.indices { g[i] = 2 * y[i] }
///     return y.reduce(0) { $0 + $1 * $1 }
/// }
/// let result = try gradient(of: SumOfSquaresLoss(), plus: kinetic, at: [1, 2], for: problem, with: .tsit5,
///                           sensitivity: .discrete())
/// ```
@inlinable
public func gradient<F: DifferentiableVectorField, S: ODESolver, L: TrajectoryLoss, R: IntegralLoss>(
    of loss: L, plus running: R, at times: [Double], for problem: ODEProblem<F>, with solver: S,
    options: SolverOptions = SolverOptions(), sensitivity: SensitivityMethod
) throws(SensitivityError) -> GradientResult {
    let augmented: ODEProblem<IntegralAugmentedField<F, R>>
    do {
        augmented = try ODEProblem(
            IntegralAugmentedField(problem.field, running: running), y0: problem.y0 + [0], from: problem.t0, to: problem.t1)
    } catch {
        throw .invalidProblem(error)
    }
    var augmentedOptions = options
    if let atol = options.tolerance.absoluteVector {
        augmentedOptions.tolerance.absoluteVector = atol + [atol.min() ?? options.tolerance.absolute]
    }
    var result = try gradient(
        of: IntegralAugmentedLoss(loss, lastIndex: times.count - 1), at: times, for: augmented, with: solver,
        options: augmentedOptions, sensitivity: sensitivity)
    let n = problem.field.dimension
    result.initialStateGradient = Array(result.initialStateGradient.prefix(n))
    result.states = stride(from: 0, to: result.states.count, by: n + 1).flatMap { result.states[$0..<($0 + n)] }
    return result
}

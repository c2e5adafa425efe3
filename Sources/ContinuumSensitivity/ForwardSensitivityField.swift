import ContinuumNumerics
import ContinuumODE

/// The forward-sensitivity system of `y' = f(t, y; θ)`: the state `y` together with the
/// sensitivity matrix `S = [∂y/∂θ | ∂y/∂y₀]` (`n × (p + n)`, row-major), which obeys
/// `S' = J S + [∂f/∂θ | 0]` with `S(t₀) = [0 | I]`.
///
/// Each evaluation assembles `J = ∂f/∂y` and `∂f/∂θ` row by row from `n` vector-Jacobian products
/// with unit vectors, so the cost is `n` products plus an `n × n × (p + n)` matrix product.
@usableFromInline
struct ForwardSensitivityField<Field: DifferentiableVectorField>: VectorField {
    @usableFromInline let field: Field
    @usableFromInline let n: Int
    @usableFromInline let p: Int
    /// `J` (`n × n`), `∂f/∂θ` (`n × p`), a unit vector (`n`).
    @usableFromInline let scratch: ScratchBuffer

    @inlinable
    init(_ field: Field) {
        self.field = field
        n = field.dimension
        p = field.parameterCount
        scratch = ScratchBuffer(count: n * n + n * p + n)
    }

    @inlinable
    var dimension: Int { n * (1 + p + n) }

    /// The initial augmented state `[y₀, 0, I]`.
    @inlinable
    func initialState(_ y0: [Double]) -> [Double] {
        var z = y0 + [Double](repeating: 0, count: n * (p + n))
        for i in 0..<n { z[n + i * (p + n) + p + i] = 1 }
        return z
    }

    @inlinable
    func evaluate(_ t: Double, _ z: UnsafeBufferPointer<Double>, _ dz: UnsafeMutableBufferPointer<Double>) {
        let y = z.part(0, n)
        field.evaluate(t, y, dz.part(0, n))
        let jacobian = scratch.slice(0, n * n)
        let parameterJacobian = scratch.slice(n * n, n * p)
        let unit = scratch.slice(n * n + n * p, n)
        unit.update(repeating: 0)
        for i in 0..<n {
            unit[i] = 1
            field.vectorJacobianProduct(
                t, y, UnsafeBufferPointer(unit), stateProduct: jacobian.part(i * n, n),
                parameterProduct: parameterJacobian.part(i * p, p))
            unit[i] = 0
        }
        let columns = p + n
        let s = z.part(n, n * columns)
        let ds = dz.part(n, n * columns)
        for i in 0..<n {
            for k in 0..<columns { ds[i * columns + k] = k < p ? parameterJacobian[i * p + k] : 0 }
            for j in 0..<n {
                let jij = jacobian[i * n + j]
                if jij == 0 { continue }
                for k in 0..<columns { ds[i * columns + k] += jij * s[j * columns + k] }
            }
        }
    }
}

/// ``SensitivityMethod/forward``: one solve of the augmented system, then `∂L/∂(θ, y₀) = Σᵢ gᵢᵀ Sᵢ`.
@inlinable
func forwardSensitivityGradient<F: DifferentiableVectorField, S: ODESolver, L: TrajectoryLoss>(
    of loss: L, at times: LossTimes, for problem: ODEProblem<F>, with solver: S, options: SolverOptions
) throws(SensitivityError) -> GradientResult {
    let field = ForwardSensitivityField(problem.field)
    let n = field.n, p = field.p, columns = p + n
    let augmented: ODEProblem<ForwardSensitivityField<F>>
    do {
        augmented = try ODEProblem(field, y0: field.initialState(problem.y0), from: problem.t0, to: problem.t1)
    } catch {
        throw .invalidProblem(error)
    }
    var forwardOptions = options
    forwardOptions.saveAt = times.times
    forwardOptions.denseOutput = false
    if let atol = options.tolerance.absoluteVector {
        // Per-component tolerances of y apply to its sensitivities row by row.
        forwardOptions.tolerance.absoluteVector = atol + (0..<(n * columns)).map { atol[$0 / columns] }
    }
    let solution = try solveForward(augmented, with: solver, options: forwardOptions)
    let m = times.times.count
    var states = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n { states[i * n + j] = solution.storage[i * field.dimension + j] }
    }
    let (value, gradients) = try times.evaluate(loss, states: states)
    var total = [Double](repeating: 0, count: columns)
    for i in 0..<m {
        let base = i * field.dimension + n
        for j in 0..<n {
            let g = gradients[i * n + j]
            if g == 0 { continue }
            for k in 0..<columns { total[k] += g * solution.storage[base + j * columns + k] }
        }
    }
    var statistics = GradientStatistics()
    statistics.forward = solution.statistics
    statistics.vectorJacobianProducts = n * solution.statistics.functionEvaluations
    statistics.storedStates = m
    return GradientResult(
        loss: value, parameterGradient: Array(total[0..<p]), initialStateGradient: Array(total[p...]),
        states: states, statistics: statistics)
}

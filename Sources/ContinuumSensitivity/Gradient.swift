import ContinuumODE

/// The value of `L = Σᵢ ℓᵢ(y(tᵢ))` for the solution of `problem` and its gradient with respect to
/// the vector field's parameters `θ` and the initial state `y₀`.
///
/// `times` are the loss times (strictly increasing in the direction of integration, inside the
/// span); the forward solve runs from `t0` to the last of them with `solver` and `options`. Every
/// ``SensitivityMethod`` is one value of `sensitivity`; the continuous adjoints solve backwards
/// with `solver` too (see the overload taking a `backwardSolver` for a stiff backward problem).
///
/// ```swift
/// let problem = try ODEProblem(lotkaVolterra, y0: [1, 1], from: 0, to: 10)
/// let result = try gradient(of: SumOfSquaresLoss(), at: Array(stride(from: 1.0, through: 10, by: 1)),
///                           for: problem, with: .tsit5,
///                           options: SolverOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12),
///                           sensitivity: .interpolating())
/// print(result.loss, result.parameterGradient, result.initialStateGradient)
/// ```
@inlinable
public func gradient<F: DifferentiableVectorField, S: ODESolver, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: ODEProblem<F>, with solver: S,
    options: SolverOptions = SolverOptions(), sensitivity: SensitivityMethod
) throws(SensitivityError) -> GradientResult {
    try gradient(
        of: loss, at: times, for: problem, with: solver, backwardSolver: solver, options: options,
        sensitivity: sensitivity)
}

/// ``gradient(of:at:for:with:options:sensitivity:)`` with a separate solver for the backward
/// (adjoint) solves of the continuous methods, e.g. an implicit one when the adjoint is stiff.
@inlinable
public func gradient<F: DifferentiableVectorField, S: ODESolver, B: ODESolver, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: ODEProblem<F>, with solver: S, backwardSolver: B,
    options: SolverOptions = SolverOptions(), sensitivity: SensitivityMethod
) throws(SensitivityError) -> GradientResult {
    let lossTimes = try LossTimes(times, t0: problem.t0, t1: problem.t1, dimension: problem.field.dimension)
    guard options.events.isEmpty else { throw .unsupported("events are not differentiated; remove them from the options") }
    if lossTimes.end == problem.t0 {
        return try initialTimeGradient(of: loss, at: lossTimes, for: problem)
    }
    var forwardProblem = problem
    forwardProblem.t1 = lossTimes.end
    switch sensitivity {
    case .forward:
        return try forwardSensitivityGradient(of: loss, at: lossTimes, for: forwardProblem, with: solver, options: options)
    case let .discrete(checkpointing):
        guard let method = solver as? ExplicitRungeKutta else {
            throw .unsupported(
                "the discrete adjoint replays explicit Runge-Kutta steps; \(solver.name) is not one "
                    + "(use forward, backsolve, interpolating or quadrature)")
        }
        return try discreteAdjointGradient(
            of: loss, at: lossTimes, for: forwardProblem, with: method, options: options, checkpointing: checkpointing)
    case .backsolve, .interpolating, .quadrature:
        return try continuousAdjointGradient(
            of: loss, at: lossTimes, for: forwardProblem, with: solver, backwardSolver: backwardSolver,
            options: options, method: sensitivity)
    }
}

/// The loss depends only on `y₀` when its single time is `t0`.
@inlinable
func initialTimeGradient<F: DifferentiableVectorField, L: TrajectoryLoss>(
    of loss: L, at times: LossTimes, for problem: ODEProblem<F>
) throws(SensitivityError) -> GradientResult {
    let (value, gradients) = try times.evaluate(loss, states: problem.y0)
    return GradientResult(
        loss: value, parameterGradient: [Double](repeating: 0, count: problem.field.parameterCount),
        initialStateGradient: gradients, states: problem.y0, statistics: GradientStatistics())
}

/// The forward solve of the adjoint methods: states at the loss times, `options` otherwise as given.
@inlinable
func solveForward<F: VectorField, S: ODESolver>(
    _ problem: ODEProblem<F>, with solver: S, options: SolverOptions
) throws(SensitivityError) -> Solution {
    let solution: Solution
    do {
        solution = try solve(problem, with: solver, options: options)
    } catch {
        throw .invalidProblem(error)
    }
    try solution.requireSuccess(backward: false)
    return solution
}

import ContinuumNumerics

/// Solves `problem` with `solver`.
///
/// This is the one integration driver behind every method: it validates the options, chooses the
/// first step (HINIT), runs the accept/reject loop with the step-size controller, steps exactly onto
/// stop times and the final time, saves states (every step, or at `saveAt` times through the
/// method's continuous extension), keeps the dense output, locates events, and runs Hairer's
/// stiffness test. A solve that fails part-way returns what it computed with a non-success
/// ``Solution/status``; only misuse of the API throws.
///
/// ```swift
/// let problem = try ODEProblem(y0: [1, 0, 0], from: 0, to: 20) { t, y, dy in
///     dy[0] = 10 * (y[1] - y[0])
///     dy[1] = y[0] * (28 - y[2]) - y[1]
///     dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
/// }
/// let solution = try solve(problem, with: .dopri5, options: SolverOptions(relativeTolerance: 1e-8))
/// print(solution.status, solution.finalState!)
/// ```
@inlinable
public func solve<F: VectorField, S: ODESolver>(
    _ problem: ODEProblem<F>, with solver: S, options: SolverOptions = SolverOptions()
) throws(ODEError) -> Solution {
    let plan = try IntegrationPlan(problem: problem, solver: solver, options: options)
    var integrator = Integrator(problem: problem, solver: solver, options: options, plan: plan)
    integrator.run()
    return integrator.solution
}

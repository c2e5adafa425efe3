import ContinuumODE

/// A gradient whose loss includes a ``SolverRegularization`` penalty, with the penalty's parts.
public struct RegularizedGradientResult: Sendable {
    /// The value and gradient of `L + w_E R_E + w_S R_S` (`result.loss` includes the penalty).
    public var result: GradientResult
    /// `R_E = Σⱼ Eⱼ|hⱼ|`, unweighted (0 when the error weight is 0).
    public var errorEstimatePenalty: Double
    /// `R_S = Σⱼ Sⱼ`, unweighted (0 when the stiffness weight is 0).
    public var stiffnessPenalty: Double

    /// A result with the given parts.
    public init(result: GradientResult, errorEstimatePenalty: Double = 0, stiffnessPenalty: Double = 0) {
        self.result = result
        self.errorEstimatePenalty = errorEstimatePenalty
        self.stiffnessPenalty = stiffnessPenalty
    }
}

/// ``gradient(of:at:for:with:options:sensitivity:)`` of the loss plus the solver-cost penalty
/// `w_E R_E + w_S R_S` of `regularization` (see ``SolverRegularization``).
///
/// The penalty is summed over the steps of the forward solve and differentiated by the discrete
/// adjoint with that step grid held fixed, so `sensitivity` must be ``SensitivityMethod/discrete(checkpointing:)``
/// and `solver` an ``ExplicitRungeKutta`` method whose tableau defines the estimates (Tsit5,
/// Dopri5; Bogacki-Shampine for the error term). The reverse sweep then also replays the stages
/// that only enter the error estimate (one more evaluation and product per step for Tsit5 and
/// Dopri5). With both weights zero this is exactly the unregularised gradient.
@inlinable
public func gradient<F: DifferentiableVectorField, S: ODESolver, L: TrajectoryLoss>(
    of loss: L, at times: [Double], for problem: ODEProblem<F>, with solver: S,
    options: SolverOptions = SolverOptions(), sensitivity: SensitivityMethod, regularization: SolverRegularization
) throws(SensitivityError) -> RegularizedGradientResult {
    guard regularization.isActive else {
        return RegularizedGradientResult(
            result: try gradient(of: loss, at: times, for: problem, with: solver, options: options, sensitivity: sensitivity))
    }
    guard case let .discrete(checkpointing) = sensitivity else {
        throw .unsupported("solver regularisation differentiates the solver's own estimates: use the discrete adjoint, not \(sensitivity.name)")
    }
    guard let method = solver as? ExplicitRungeKutta else {
        throw .unsupported("solver regularisation needs an explicit Runge-Kutta method; \(solver.name) is not one")
    }
    let penalty = try SolverHeuristicsPenalty(
        method.tableau, dimension: problem.field.dimension, weights: regularization, tolerance: options.tolerance)
    let lossTimes = try LossTimes(times, t0: problem.t0, t1: problem.t1, dimension: problem.field.dimension)
    guard options.events.isEmpty else { throw .unsupported("events are not differentiated; remove them from the options") }
    if lossTimes.end == problem.t0 {
        return RegularizedGradientResult(result: try initialTimeGradient(of: loss, at: lossTimes, for: problem))
    }
    var forwardProblem = problem
    forwardProblem.t1 = lossTimes.end
    let result = try discreteAdjointGradient(
        of: loss, at: lossTimes, for: forwardProblem, with: method, options: options, checkpointing: checkpointing,
        penalty: penalty)
    return RegularizedGradientResult(
        result: result, errorEstimatePenalty: penalty.errorTotal, stiffnessPenalty: penalty.stiffnessTotal)
}

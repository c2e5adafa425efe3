/// Work counters of a solve, as Hairer's codes report them (NFCN, NSTEP, NACCPT, NREJCT).
public struct SolverStatistics: Sendable, Equatable {
    /// Evaluations of the vector field (including those for the initial step and dense output).
    public var functionEvaluations = 0
    /// Accepted steps.
    public var acceptedSteps = 0
    /// Rejected steps.
    public var rejectedSteps = 0
    /// Jacobian evaluations (implicit methods).
    public var jacobianEvaluations = 0
    /// LU factorisations (implicit methods).
    public var factorizations = 0

    /// Zero counters.
    public init() {}

    /// All attempted steps.
    public var steps: Int { acceptedSteps + rejectedSteps }
}

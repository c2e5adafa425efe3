import ContinuumODE

/// The value and gradient of a loss of a solve.
public struct GradientResult: Sendable {
    /// The loss `L`.
    public var loss: Double
    /// `∂L/∂θ`, one entry per parameter of the vector field.
    public var parameterGradient: [Double]
    /// `∂L/∂y₀`.
    public var initialStateGradient: [Double]
    /// The states at the loss times, row-major (as the forward solve computed them).
    public var states: [Double]
    /// What the computation cost.
    public var statistics: GradientStatistics

    /// A result with the given fields.
    public init(
        loss: Double, parameterGradient: [Double], initialStateGradient: [Double], states: [Double],
        statistics: GradientStatistics
    ) {
        self.loss = loss
        self.parameterGradient = parameterGradient
        self.initialStateGradient = initialStateGradient
        self.states = states
        self.statistics = statistics
    }
}

/// Work and memory counters of one gradient computation.
public struct GradientStatistics: Sendable, Equatable {
    /// Counters of the forward solve.
    public var forward = SolverStatistics()
    /// Counters of the backward solves (summed over segments); replayed steps of the discrete
    /// adjoint count as accepted steps and their evaluations as function evaluations.
    public var backward = SolverStatistics()
    /// Vector-Jacobian products of the vector field.
    public var vectorJacobianProducts = 0
    /// Forward steps recomputed from checkpoints (discrete adjoint with binomial checkpointing).
    public var recomputedSteps = 0
    /// The largest number of full states held at once for the reverse sweep (stored trajectory,
    /// checkpoints, or dense-output polynomials counted as states).
    public var storedStates = 0

    public init() {}
}

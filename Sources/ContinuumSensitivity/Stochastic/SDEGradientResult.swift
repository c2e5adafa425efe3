import ContinuumSDE

/// The value and gradient of a loss of an SDE solve along one Brownian path (or averaged over a
/// batch of paths).
public struct SDEGradientResult: Sendable {
    /// The loss `L = Σᵢ ℓᵢ(y(tᵢ))` (the mean over the paths for a batch).
    public var loss: Double
    /// `∂L/∂θ`: the drift's parameters first, then the diffusion's.
    public var parameterGradient: [Double]
    /// `∂L/∂y₀`.
    public var initialStateGradient: [Double]
    /// The states at the loss times, row-major (empty for a batch).
    public var states: [Double]
    /// What the computation cost (summed over the paths of a batch).
    public var statistics: SDEGradientStatistics

    /// A result with the given fields.
    public init(
        loss: Double, parameterGradient: [Double], initialStateGradient: [Double], states: [Double],
        statistics: SDEGradientStatistics
    ) {
        self.loss = loss
        self.parameterGradient = parameterGradient
        self.initialStateGradient = initialStateGradient
        self.states = states
        self.statistics = statistics
    }
}

/// Work and memory counters of an SDE gradient.
public struct SDEGradientStatistics: Sendable, Equatable {
    /// Counters of the forward solve.
    public var forward = SDEStatistics()
    /// Counters of the backward sweep (state reconstructions and adjoint steps).
    public var backward = SDEStatistics()
    /// Vector-Jacobian products of the drift and of the diffusion.
    public var vectorJacobianProducts = 0
    /// The largest number of `n`-vectors held for the reverse sweep beyond the fixed workspace
    /// (`0` for the constant-memory methods; four per step when reversible Heun stores its states).
    public var storedStates = 0

    public init() {}

    /// Sums the counters of two computations (``storedStates`` takes the larger).
    public static func + (a: SDEGradientStatistics, b: SDEGradientStatistics) -> SDEGradientStatistics {
        var sum = a
        sum.forward = a.forward + b.forward
        sum.backward = a.backward + b.backward
        sum.vectorJacobianProducts += b.vectorJacobianProducts
        sum.storedStates = max(a.storedStates, b.storedStates)
        return sum
    }
}

/// How an SDE gradient is computed.
public enum SDESensitivityMethod: Sendable, Equatable {
    /// The exact algebraic adjoint of reversible Heun (Kidger et al. 2021): backpropagation through
    /// the solver's steps, reconstructing each earlier state with ``ReversibleHeun/stepBackward``.
    /// Constant memory, and the gradient of the discrete solve up to rounding.
    case reversibleHeun
    /// The same backpropagation through reversible Heun's steps with every state stored instead of
    /// reconstructed: memory linear in the steps; the reference for ``reversibleHeun``.
    case reversibleHeunStoringStates
    /// The stochastic adjoint (Li, Wong, Chen and Duvenaud 2020): the forward solve with
    /// Euler-Heun, then the augmented adjoint SDE solved backwards in Stratonovich form with Heun's
    /// method on the same Brownian path. Constant memory; the gradient of the exact SDE solution up
    /// to the discretisation error of both solves (not of the discrete forward solve).
    case stochasticAdjoint
}

/// How an SDE gradient steps: `N = ⌈|t1 − t0| / stepSize⌉` equal steps `tₖ = t0 + k (t1 − t0)/N`,
/// so the backward sweep asks the Brownian path for exactly the forward intervals.
public struct SDEGradientOptions: Sendable {
    /// The largest step size; positive and finite.
    public var stepSize: Double

    public init(stepSize: Double) { self.stepSize = stepSize }
}

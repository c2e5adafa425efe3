import ContinuumODE

/// One initial-value problem of a batch: the state `y₀` at `t0` and the loss times (strictly
/// increasing in the direction of integration; the solve runs from `t0` to the last of them).
public struct TrajectoryWindow: Sendable {
    /// The initial state.
    public var y0: [Double]
    /// The initial time.
    public var t0: Double
    /// The loss times.
    public var times: [Double]

    /// A window starting from `y0` at `t0` with loss times `times`.
    public init(y0: [Double], t0: Double, times: [Double]) {
        self.y0 = y0
        self.t0 = t0
        self.times = times
    }
}

/// The losses and gradients of a batch of windows (``BatchedDiscreteAdjoint``).
///
/// A window whose forward solve fails (step-size underflow, non-finite state, stiffness, too many
/// steps) or whose loss is not finite is reported in ``failures`` and left out of ``loss`` and
/// ``parameterGradient``; the other windows are unaffected.
public struct BatchedGradientResult: Sendable {
    /// `Σ_w L_w` over the windows that succeeded.
    public var loss: Double
    /// `L_w` per window (NaN where it failed).
    public var losses: [Double]
    /// `Σ_w ∂L_w/∂θ` over the windows that succeeded.
    public var parameterGradient: [Double]
    /// `∂L_w/∂y₀` per window (empty where it failed).
    public var initialStateGradients: [[Double]]
    /// Per window the states at its loss times, row-major (empty where the solve failed).
    public var states: [[Double]]
    /// Per window `nil`, or why it failed.
    public var failures: [SensitivityError?]
    /// Counters summed over the windows.
    public var statistics: GradientStatistics

    /// Whether every window succeeded.
    public var allSucceeded: Bool { failures.allSatisfy { $0 == nil } }
}

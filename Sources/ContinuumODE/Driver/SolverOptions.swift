import ContinuumNumerics

/// Everything about *how* to solve that is not the method: tolerances, step limits, what to save,
/// events. Defaults follow Hairer's codes and DifferentialEquations.jl.
///
/// ```swift
/// var options = SolverOptions(relativeTolerance: 1e-8, absoluteTolerance: 1e-10)
/// options.saveAt = [0.5, 1.0, 1.5]
/// ```
public struct SolverOptions: Sendable {
    /// Relative and absolute tolerances for adaptive methods.
    public var tolerance: Tolerance
    /// Step size for fixed-step integration. Required for methods without an error estimator;
    /// for adaptive methods it switches adaptivity off (like `adaptive=false`).
    public var fixedStepSize: Double?
    /// First step size; `nil` selects it with Hairer's HINIT.
    public var initialStepSize: Double?
    /// Smallest step size magnitude before the solve fails with `.stepSizeUnderflow` (besides the
    /// floating-point limit, which always applies).
    public var minimumStepSize: Double = 0
    /// Largest step size magnitude (default: the length of the time span).
    public var maximumStepSize: Double = .infinity
    /// Largest number of attempted steps.
    public var maximumSteps: Int = 100_000
    /// Times the integrator must step onto exactly (discontinuities of the right-hand side).
    public var stopTimes: [Double] = []
    /// Times at which to save the state. Empty: save every step.
    public var saveAt: [Double] = []
    /// Whether to save the initial state (only when `saveAt` is empty).
    public var saveStart = true
    /// Whether to keep the continuous extension of every step, so that ``Solution/solution(at:)`` is
    /// accurate between saved points. `nil`: keep it when `saveAt` is empty.
    public var denseOutput: Bool?
    /// Whether to record the time of every accepted step in ``Solution/stepTimes`` (without the
    /// states): the step grid an adjoint replays. Costs one `Double` per step.
    public var recordStepTimes = false
    /// Step-size controller.
    public var controller: StepSizeController = .methodDefault
    /// Check Hairer's stiffness indicator every this many accepted steps (methods that define one);
    /// 0 disables the check. As in DOPRI5, 15 stiff tests in a row end the solve with
    /// `.stiffnessDetected`.
    public var stiffnessCheckInterval = 1000
    /// Events to locate.
    public var events: [ODEEvent] = []

    /// Options with scalar tolerances.
    public init(relativeTolerance: Double = 1e-6, absoluteTolerance: Double = 1e-9) {
        tolerance = Tolerance(relative: relativeTolerance, absolute: absoluteTolerance)
    }

    /// Options for a fixed-step solve with step `h`.
    public static func fixedStep(_ h: Double) -> SolverOptions {
        var options = SolverOptions()
        options.fixedStepSize = h
        return options
    }
}

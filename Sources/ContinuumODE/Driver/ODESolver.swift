import ContinuumNumerics

/// A one-step method that the integration driver (``solve(_:with:options:)``) can advance.
///
/// A solver is a small immutable value; all mutable state of a solve lives in its ``Workspace``,
/// created once per solve so that steps allocate nothing. The driver owns the loop, step-size
/// control, saving, events and dense output; a solver only attempts steps and exposes its
/// continuous extension. The protocol is generic over the vector field so calls specialise.
public protocol ODESolver: Sendable {
    /// The per-solve storage of the method.
    associatedtype Workspace: ODEWorkspace

    /// Short lowercase identifier, e.g. `"dopri5"`.
    var name: String { get }
    /// Classical order of the propagated solution.
    var order: Int { get }
    /// Whether the method estimates its local error (and so can choose step sizes).
    var isAdaptive: Bool { get }
    /// The order `k` in the controller's exponent `1/k`.
    var controllerOrder: Int { get }
    /// The controller constants recommended for the method.
    var controllerDefaults: ControllerDefaults { get }
    /// Degree in θ of the continuous extension.
    var denseOutputDegree: Int { get }
    /// Whether the method can report a stiffness indicator (``stiffnessRatio(h:workspace:)``).
    var detectsStiffness: Bool { get }

    /// Allocates the storage for a solve of the given dimension.
    func makeWorkspace(dimension: Int) -> Workspace

    /// Prepares a step from `workspace.state` at time `t`: evaluates `f(t, y)` when needed.
    func start<F: VectorField>(_ field: F, t: Double, workspace: Workspace, statistics: inout SolverStatistics)

    /// Attempts a step of size `h` from `workspace.state`, writing the candidate into
    /// `workspace.candidate`. Returns the *square* of the scaled error norm, `‖e‖²` (accept when
    /// `≤ 1`; see ``WeightedNorm/meanSquare(_:_:_:count:tolerance:)``), `0` when `estimateError`
    /// is false, or a non-finite value when the step produced NaN or infinity. The square spares
    /// the step-size controller a square root on the path from one step to the next.
    func attemptStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace: Workspace, tolerance: Tolerance,
        estimateError: Bool, statistics: inout SolverStatistics
    ) -> Double

    /// After acceptance: makes `f(t + h, candidate)` available for the next step and the
    /// stiffness test. Returns false if the candidate or its derivative is not finite.
    func completeStep<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace: Workspace, statistics: inout SolverStatistics
    ) -> Bool

    /// Hairer's estimate of `|hλ|` for the dominant eigenvalue over the accepted step, divided by
    /// the method's stability bound (so `> 1` means stiff). Valid after ``completeStep``.
    func stiffnessRatio(h: Double, workspace: Workspace) -> Double

    /// Computes the continuous extension over the accepted step `[t, t + h]` into
    /// `workspace.denseTerms`. Valid after ``completeStep``, before ``commitStep(workspace:)``.
    func prepareDenseOutput<F: VectorField>(
        _ field: F, t: Double, h: Double, workspace: Workspace, statistics: inout SolverStatistics
    )

    /// Makes the candidate the current state.
    func commitStep(workspace: Workspace)

    /// After a rejected attempt: a failure the method cannot recover from by shrinking the step
    /// (for example a singular iteration matrix at every step size), ending the solve with that
    /// status and reason; `nil` to let the driver retry with a smaller step. Explicit methods never
    /// fail this way.
    func unrecoverableFailure(workspace: Workspace) -> SolverFailure?

    /// The method's own factor `h_new / h` after the last attempt (accepted or not), for methods
    /// whose step-size rule depends on their internals (RADAU5's Gustafsson control and Newton
    /// history). `nil` lets the driver's controller decide. The driver asks only when the options
    /// use the method-default controller. Called after ``completeStep`` on acceptance and before
    /// ``commitStep(workspace:)``.
    func proposedStepFactor(workspace: Workspace, accepted: Bool) -> Double?
}

/// A failure that ends a solve, reported by a method (see ``ODESolver/unrecoverableFailure(workspace:)``).
public struct SolverFailure: Sendable, Equatable {
    /// The status the solution ends with.
    public let status: SolutionStatus
    /// What went wrong, for ``Solution/message``.
    public let reason: String

    /// Creates a failure report.
    public init(status: SolutionStatus, reason: String) {
        self.status = status
        self.reason = reason
    }
}

extension ODESolver {
    @inlinable
    public func unrecoverableFailure(workspace: Workspace) -> SolverFailure? { nil }

    @inlinable
    public func proposedStepFactor(workspace: Workspace, accepted: Bool) -> Double? { nil }
}

/// Storage every solver's workspace exposes to the driver. Pointers stay valid for the life of the
/// workspace; the driver never allocates through them.
public protocol ODEWorkspace: AnyObject {
    /// State dimension `n`.
    var dimension: Int { get }
    /// The current state `y(t)`.
    var state: UnsafeMutablePointer<Double> { get }
    /// The candidate `y(t + h)` of the last attempted step.
    var candidate: UnsafeMutablePointer<Double> { get }
    /// `f(t, y)` at the current state (valid after ``ODESolver/start``).
    var derivative: UnsafeMutablePointer<Double> { get }
    /// The continuous extension: `degree` vectors `rⱼ` with `y(t + θh) = y + Σⱼ θʲ rⱼ`, vector `j`
    /// starting at `denseTerms + (j − 1) · stride`.
    var denseTerms: UnsafeMutablePointer<Double> { get }
    /// Distance between consecutive vectors of ``denseTerms`` (at least ``dimension``; solvers may
    /// pad vectors for aligned vector arithmetic).
    var stride: Int { get }
    /// Scratch vectors the driver may use (interpolation output, initial step).
    var scratch: UnsafeMutablePointer<Double> { get }
    var scratch2: UnsafeMutablePointer<Double> { get }
}

extension ODEWorkspace {
    /// Evaluates the continuous extension at `θ ∈ [0, 1]` of the last prepared step into `out`.
    @inlinable
    public func interpolate(theta: Double, degree: Int, into out: UnsafeMutablePointer<Double>) {
        let n = dimension
        let y = state
        let r = denseTerms
        let stride = self.stride
        for i in 0..<n {
            var acc = 0.0
            var j = degree - 1
            while j >= 0 {
                acc = (acc + r[j * stride + i]) * theta
                j -= 1
            }
            out[i] = y[i] + acc
        }
    }
}

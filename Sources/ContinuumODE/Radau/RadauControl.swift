/// How the simplified Newton iteration of the last attempted Radau step ended.
@usableFromInline
enum RadauNewtonOutcome: Equatable {
    /// Converged; the stage values are the collocation solution.
    case converged
    /// RADAU5 predicted that the iteration would not converge within the allowed iterations, and
    /// recommends retrying with the step size multiplied by `factor` (in `(0, 0.8]`).
    case slowConvergence(factor: Double)
    /// The contraction rate reached 0.99 or the iteration limit was hit.
    case diverged
    /// An iteration matrix was singular (or held NaN or infinity).
    case singularMatrix
    /// A stage produced NaN or infinity.
    case nonFinite
}

/// The scalar state a Radau IIA solve carries from attempt to attempt: Jacobian and factorisation
/// bookkeeping, the Newton iteration's convergence history, the step-size proposal's memory
/// (Gustafsson), and failure counting.
///
/// Kept in one struct behind a pointer in ``RadauWorkspace`` so the hot path pays no exclusivity
/// checks on class properties.
@usableFromInline
struct RadauControl {
    // Jacobian and iteration matrices.
    /// Whether a Jacobian has been evaluated in this solve.
    @usableFromInline var hasJacobian = false
    /// Whether the Jacobian was evaluated at the current state (RADAU5's `CALJAC`).
    @usableFromInline var jacobianIsCurrent = false
    /// Whether the next attempt must evaluate a new Jacobian (unless it is current).
    @usableFromInline var jacobianIsOutdated = true
    /// The step size the iteration matrices were factorised for; 0 when they must be rebuilt.
    @usableFromInline var factoredStep = 0.0

    // Step history.
    /// No step has been accepted since ``ODESolver/start`` (RADAU5's `FIRST`).
    @usableFromInline var isFirst = true
    /// The previous attempt from this state was rejected (RADAU5's `REJECT`).
    @usableFromInline var afterRejection = false
    /// An attempt was made and not yet committed: if another attempt follows, it was rejected.
    @usableFromInline var awaitingOutcome = false
    /// Whether the previous accepted step's collocation polynomial can start the iteration.
    @usableFromInline var hasPredictor = false
    /// The size of the previous accepted step (RADAU5's `HOLD`).
    @usableFromInline var previousStep = 0.0
    /// The attempt's time and step size.
    @usableFromInline var time = 0.0
    @usableFromInline var step = 0.0

    // Newton iteration.
    /// The last convergence-rate estimate `Θ` (starts each attempt at the reuse threshold).
    @usableFromInline var theta = 0.001
    /// `κ`-like factor `Θ/(1 − Θ)` of the stopping test, carried between steps (RADAU5's `FACCON`).
    @usableFromInline var convergenceFactor = 1.0
    /// Iterations used by the last attempt.
    @usableFromInline var newtonIterations = 0
    /// How the last iteration ended.
    @usableFromInline var outcome = RadauNewtonOutcome.converged
    /// The error norm of the last attempt (at least 1e-10, as in RADAU5; 0 for fixed steps).
    @usableFromInline var error = 0.0

    // Gustafsson's predictive controller.
    /// Accepted steps so far (RADAU5's `NACCPT`).
    @usableFromInline var acceptedSteps = 0
    /// Step size and error of the last accepted step (`HACC`, `ERRACC`).
    @usableFromInline var acceptedStep = 0.0
    @usableFromInline var acceptedError = 1e-2

    // Failures.
    /// Attempts in a row whose iteration diverged or whose matrix was singular.
    @usableFromInline var consecutiveFailures = 0
    /// Whether the last attempt had a fixed step size (no error estimate): a failed iteration
    /// cannot be retried with a smaller step.
    @usableFromInline var fixedStep = false

    // Converted tolerances (cached: the conversion costs a `pow`).
    /// The `rtol` the conversion was made for, and `rtol' = 0.1 rtol^(2/3)`.
    @usableFromInline var convertedFor = -1.0
    @usableFromInline var convertedRelative = 0.0

    @usableFromInline init() {}
}

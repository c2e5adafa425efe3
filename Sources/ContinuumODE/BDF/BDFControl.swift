/// How the corrector iteration of the last attempted BDF step ended.
public enum BDFAttemptOutcome: Sendable, Equatable {
    /// Converged; the error estimate decides acceptance.
    case converged
    /// The simplified Newton iteration diverged, or was predicted not to converge in time, even
    /// with a Jacobian evaluated for this attempt.
    case diverged
    /// The iteration matrix `I − cJ` was singular (or held NaN or infinity).
    case singularMatrix
    /// `f` was NaN or infinite at the predictor, or the accepted candidate was not finite.
    case nonFinite
}

/// The scalar state a BDF solve carries from attempt to attempt: the order and the step size the
/// difference array is scaled for, order-selection bookkeeping, the Jacobian and factorisation
/// state, and failure counting.
///
/// Kept in one struct behind a pointer in ``BDFWorkspace`` so the hot path pays no exclusivity
/// checks on class properties.
@usableFromInline
struct BDFControl {
    // History.
    /// The order `k` of the next attempt.
    @usableFromInline var order = 1
    /// The (signed) step size the difference array is scaled for.
    @usableFromInline var scaledStep = 1.0
    /// Accepted steps at the current order since the order last changed, the last order decision
    /// or the last rejection; orders are reconsidered once it reaches `k + 1`.
    @usableFromInline var stepsAtOrder = 0
    /// Whether ``ODESolver/start`` has run before (a later start is a restart at a stop time).
    @usableFromInline var hasStarted = false
    /// Whether the next attempt must first load an exact starting history (tests).
    @usableFromInline var needsHistory = false

    // Jacobian and iteration matrix.
    /// Whether a Jacobian has been evaluated in this solve.
    @usableFromInline var hasJacobian = false
    /// Whether the Jacobian was evaluated during the current attempt (a failed iteration cannot
    /// then be blamed on an outdated Jacobian).
    @usableFromInline var jacobianIsFresh = false
    /// The `c = h/αₖ` the iteration matrix was factorised for; 0 when there is none.
    @usableFromInline var factoredCoefficient = 0.0

    // The last attempt.
    /// Its time and step size.
    @usableFromInline var time = 0.0
    @usableFromInline var step = 0.0
    /// How its iteration ended, and after how many iterations.
    @usableFromInline var outcome = BDFAttemptOutcome.converged
    @usableFromInline var newtonIterations = 0
    /// Its scaled error norm `‖Cₖ d‖` at the current order.
    @usableFromInline var error = 0.0
    /// An attempt was made and not yet completed: if another attempt follows, it was rejected.
    @usableFromInline var awaitingOutcome = false
    /// Whether it had a fixed step size (no error estimate): a failed iteration cannot be retried
    /// with a smaller step.
    @usableFromInline var fixedStep = false

    // Order selection (decided in `completeStep`, applied in `commitStep`).
    /// The order chosen for the steps after the current one.
    @usableFromInline var nextOrder = 1
    /// Whether the accepted step ended a run of `k + 1` steps and orders were compared.
    @usableFromInline var decided = false
    /// The step-size factor that the comparison recommends for the chosen order.
    @usableFromInline var decisionFactor = 1.0

    // Failures.
    /// Attempts in a row whose iteration diverged or whose matrix was singular.
    @usableFromInline var consecutiveFailures = 0

    @usableFromInline init() {}
}

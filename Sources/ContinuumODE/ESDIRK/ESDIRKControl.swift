/// How the stage iterations of the last attempted ESDIRK step ended.
@usableFromInline
enum ESDIRKNewtonOutcome: Sendable, Equatable {
    /// Every stage converged.
    case converged
    /// A stage iteration contracted too slowly to converge within the allowed iterations.
    case slowConvergence
    /// A stage iteration diverged (contraction rate at least 1) or hit the iteration limit.
    case diverged
    /// The iteration matrix `I/(hγ) − J` was singular (or held NaN or infinity).
    case singularMatrix
    /// A stage produced NaN or infinity.
    case nonFinite
}

/// The scalar state an ESDIRK solve carries from attempt to attempt: Jacobian and factorisation
/// bookkeeping, the Newton iteration's convergence history and failure counting.
///
/// Kept in one struct behind a pointer in ``ESDIRKWorkspace`` so the hot path pays no exclusivity
/// checks on class properties.
@usableFromInline
struct ESDIRKControl {
    /// Whether a Jacobian has been evaluated in this solve.
    @usableFromInline var hasJacobian = false
    /// Whether the Jacobian was evaluated at the current state.
    @usableFromInline var jacobianIsCurrent = false
    /// Whether the next attempt must evaluate a new Jacobian (unless it is current).
    @usableFromInline var jacobianIsOutdated = true
    /// The step size `I/(hγ) − J` was factorised for; 0 when it must be rebuilt.
    @usableFromInline var factoredStep = 0.0
    /// Whether the stored `f(t, y)` was evaluated (not taken as `zₛ/h` from a stiffly accurate step).
    @usableFromInline var derivativeIsExact = true
    /// Whether ``ESDIRKWorkspace/history`` holds the previous accepted step's extension, and
    /// that step's size.
    @usableFromInline var hasHistory = false
    @usableFromInline var historyStep = 0.0
    /// An attempt was made and not yet committed: if another attempt follows, it was rejected.
    @usableFromInline var awaitingOutcome = false
    /// The attempt's time and step size.
    @usableFromInline var time = 0.0
    @usableFromInline var step = 0.0
    /// Whether the attempt had a fixed step size (no error estimate, no early rejection).
    @usableFromInline var fixedStep = false

    /// `η = Θ/(1 − Θ)` of the last iteration, carried to the next stage and step (Hairer's FACCON).
    @usableFromInline var convergenceFactor = 1.0
    /// The largest contraction rate `Θ` measured over the stages of the attempt.
    @usableFromInline var largestRate = 0.0
    /// Newton iterations of the whole solve.
    @usableFromInline var totalIterations = 0
    /// How the last attempt's iteration ended.
    @usableFromInline var outcome = ESDIRKNewtonOutcome.converged
    /// Attempts in a row whose iteration diverged or whose matrix was singular.
    @usableFromInline var consecutiveFailures = 0
    /// Whether the last failed attempt already used a Jacobian evaluated at its state.
    @usableFromInline var failedWithFreshJacobian = false

    @usableFromInline init() {}
}

/// How ``gradient(of:at:for:with:options:sensitivity:)`` differentiates a solve: each value is a
/// complete strategy, the way diffrax's adjoints are.
///
/// | method | memory | exact for the discrete solve | backward pass |
/// |---|---|---|---|
/// | ``forward`` | the augmented state `n(1 + n + p)` | no (to tolerance) | none |
/// | ``discrete(checkpointing:)`` | all steps, or `K` checkpoints | yes | replays the steps taken |
/// | ``backsolve(seminorm:)`` | `O(1)` | no | re-solves `y` backwards with the adjoint |
/// | ``interpolating(seminorm:)`` | the forward dense output | no | adjoint only, `y` interpolated |
/// | ``quadrature`` | forward and adjoint dense output | no | adjoint, then `θ̄` by Gauss-Legendre |
public enum SensitivityMethod: Sendable, Equatable {
    /// Forward sensitivities: integrates `S = ∂y/∂(θ, y₀)` with `y` (`S' = J S + ∂f/∂θ`). The
    /// reference for small parameter counts; any solver.
    case forward
    /// The discrete adjoint: the exact reverse of the Runge-Kutta steps the forward solve took
    /// (step sizes treated as constants, as diffrax does). Needs an explicit Runge-Kutta method.
    case discrete(checkpointing: Checkpointing = .all)
    /// The continuous adjoint solved backwards together with the state (`O(1)` memory). With
    /// `seminorm` the accumulated parameter gradient does not limit the backward step size.
    case backsolve(seminorm: Bool = true)
    /// The continuous adjoint solved backwards with `y(t)` taken from the forward dense output.
    case interpolating(seminorm: Bool = true)
    /// The adjoint `a(t)` alone solved backwards; the parameter gradient `∫ aᵀ ∂f/∂θ dt` is then
    /// computed by Gauss-Legendre quadrature on each backward step.
    case quadrature

    /// The name used on the command line.
    public var name: String {
        switch self {
        case .forward: return "forward"
        case .discrete: return "discrete"
        case .backsolve: return "backsolve"
        case .interpolating: return "interpolating"
        case .quadrature: return "quadrature"
        }
    }
}

/// Which forward states the discrete adjoint keeps for its reverse sweep.
public enum Checkpointing: Sendable, Equatable {
    /// Store the state at every step: `N` states, no recomputation.
    case all
    /// Keep at most `checkpoints` states and recompute the others from them in the binomial
    /// (revolve) schedule of Griewank & Walther: memory `O(K)`, recomputation growing like
    /// `N^(1 + 1/K)` at worst.
    case binomial(checkpoints: Int)
}

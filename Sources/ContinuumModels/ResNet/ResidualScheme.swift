import ContinuumODE

/// The integrator whose one step is one residual block, `x_{k+1} = Φ_h(x_k; θ)` with
/// `h = T / N` on `t ∈ [0, T]`.
///
/// | scheme | block | as `N → ∞` |
/// |---|---|---|
/// | `rungeKutta(.euler)` | `x + h f(x, θ_k)`: the classic ResNet | the neural ODE, error `O(1/N)` |
/// | `rungeKutta(.heun)`, `.rk4` | stages `Yᵢ = x + h Σ aᵢⱼ Kⱼ`, `Kᵢ = f(Yᵢ, θ(t + cᵢh))`, `x + h Σ bᵢ Kᵢ` | `O(1/N²)`, `O(1/N⁴)` |
/// | `splitting(c)` (leapfrog) | `x = (q, p)`, kicks `p += βh F(q, θ)`, drifts `q += αh V(p, θ)` | `O(1/N²)` |
/// | `eulerMaruyama(noise: ν)` | `x + h f(x, θ_k) + ν √h ξ_k`, `ξ_k ~ N(0, I)` | an SDE |
///
/// Runge-Kutta blocks run the coefficients of a ``ButcherTableau``; splitting blocks run
/// ``SplittingCoefficients`` (the leapfrog is Störmer-Verlet's kick-drift-kick). Every kick and
/// drift is a shear `(q, p) ↦ (q, p + g(q))` or `(q + g(p), p)`, whose Jacobian is unit
/// triangular, so a splitting block preserves volume exactly, whatever the learned `F` and `V`
/// (Haber & Ruthotto's Hamiltonian-inspired networks).
public enum ResidualScheme: Sendable {
    case rungeKutta(ButcherTableau)
    case splitting(SplittingCoefficients)
    case eulerMaruyama(noise: Double)

    /// The classic ResNet block.
    public static var euler: ResidualScheme { .rungeKutta(.euler) }
    /// Heun (explicit trapezoidal) blocks.
    public static var heun: ResidualScheme { .rungeKutta(.heun) }
    /// Classical Runge-Kutta blocks.
    public static var rk4: ResidualScheme { .rungeKutta(.rk4) }
    /// Störmer-Verlet (kick-drift-kick) blocks: the Hamiltonian ResNet.
    public static var leapfrog: ResidualScheme { .splitting(SplittingMethod.velocityVerlet.coefficients) }

    /// `euler`, `heun`, `rk4`, `leapfrog` or `stochastic` (Euler-Maruyama with noise `noise`).
    public static func named(_ name: String, noise: Double = 0.1) -> ResidualScheme? {
        switch name.lowercased() {
        case "euler": .euler
        case "heun": .heun
        case "rk4": .rk4
        case "leapfrog", "verlet": .leapfrog
        case "stochastic", "euler-maruyama": .eulerMaruyama(noise: noise)
        default: nil
        }
    }

    /// A short name for tables and files.
    public var name: String {
        switch self {
        case .rungeKutta(let tableau): tableau.name
        case .splitting: "leapfrog"
        case .eulerMaruyama: "stochastic"
        }
    }

    /// Whether the state splits into `(q, p)` halves.
    public var isPartitioned: Bool {
        if case .splitting = self { return true }
        return false
    }

    /// Field evaluations (stages, kicks and drifts) stored per block for back-propagation.
    var stageCount: Int {
        switch self {
        case .rungeKutta(let tableau): tableau.stageCount
        case .splitting(let coefficients): coefficients.stages.count
        case .eulerMaruyama: 1
        }
    }
}

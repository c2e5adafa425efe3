/// The coefficients of the backward differentiation formulas of orders 1…5 in backward-difference
/// form, and of Klopfenstein's and Shampine & Reichelt's numerical differentiation formulas (NDF).
///
/// With `∇ʲ` the backward differences over equal steps `h` and `γₖ = Σ_{j=1}^{k} 1/j`, the order-`k`
/// formula for `y_{n+1}` is
///
///     Σ_{j=1}^{k} (1/j) ∇ʲ y_{n+1} − κₖ γₖ (y_{n+1} − y⁽⁰⁾_{n+1}) = h f(t_{n+1}, y_{n+1}),
///
/// where `y⁽⁰⁾_{n+1}` is the predictor (the interpolating polynomial of the last `k + 1` values
/// extrapolated one step) and `κₖ = 0` gives the BDF. Writing `y_{n+1} = y⁽⁰⁾ + d` and `Dⱼ = ∇ʲ y_n`
/// (so that `∇ʲ y_{n+1} = Σ_{i=j}^{k} Dᵢ + d`), this is the equation in `d` that the Newton iteration
/// solves (Shampine & Reichelt, *The MATLAB ODE suite*, 1997; scipy's `BDF`):
///
///     αₖ d + Σ_{j=1}^{k} γⱼ Dⱼ = h f(t_{n+1}, y⁽⁰⁾ + d),   αₖ = (1 − κₖ) γₖ.
///
/// The local error is `Cₖ d` with `Cₖ = κₖ γₖ + 1/(k + 1)`: `d` is `∇^{k+1} y_{n+1}` up to higher
/// order terms (Hairer, Nørsett & Wanner I, III.2).
public struct BDFCoefficients: Sendable {
    /// Which family of formulas.
    public let formula: BDFMethod.Formula
    /// `γₖ = Σ_{j=1}^{k} 1/j` for `k = 0…6`.
    public let gamma: [Double]
    /// `αₖ = (1 − κₖ) γₖ`, the coefficient of `d` (and `c = h/αₖ` in the iteration matrix `I − cJ`).
    public let alpha: [Double]
    /// `Cₖ = κₖ γₖ + 1/(k + 1)` for `k = 0…6`: the local error is `Cₖ ∇^{k+1} y`.
    public let errorConstants: [Double]

    /// The coefficients of `formula`.
    public init(_ formula: BDFMethod.Formula) {
        self.formula = formula
        let kappa = (0...6).map { Self.kappa($0, formula) }
        var gamma = [0.0]
        for k in 1...6 { gamma.append(gamma[k - 1] + 1 / Double(k)) }
        self.gamma = gamma
        alpha = (0...6).map { (1 - kappa[$0]) * gamma[$0] }
        errorConstants = (0...6).map { kappa[$0] * gamma[$0] + 1 / Double($0 + 1) }
    }

    /// Shampine & Reichelt's `κₖ` (MATLAB's ode15s, scipy): chosen for each order to shrink the
    /// error constant by about 26 % at orders 1–2 with little loss of stability; order 5 stays BDF.
    static func kappa(_ k: Int, _ formula: BDFMethod.Formula) -> Double {
        guard formula == .ndf else { return 0 }
        switch k {
        case 1: return -0.1850
        case 2: return -1.0 / 9
        case 3: return -0.0823
        case 4: return -0.0415
        default: return 0
        }
    }
}

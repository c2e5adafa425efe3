import Foundation

/// The coefficients of the three-stage Radau IIA method of order 5 in the form RADAU5 uses them
/// (Hairer & Wanner, *Solving ODEs II*, IV.8).
///
/// The collocation method has nodes `c = ((4 − √6)/10, (4 + √6)/10, 1)` and the matrix
///
///     a₁₁ = (88 − 7√6)/360     a₁₂ = (296 − 169√6)/1800   a₁₃ = (−2 + 3√6)/225
///     a₂₁ = (296 + 169√6)/1800 a₂₂ = (88 + 7√6)/360       a₂₃ = (−2 − 3√6)/225
///     a₃₁ = (16 − √6)/36       a₃₂ = (16 + √6)/36         a₃₃ = 1/9
///
/// (stiffly accurate: `bᵀ` is the last row). The stage increments `Zᵢ = Yᵢ − y₀` solve
/// `Z = h (A ⊗ I) F(Z)`. `A⁻¹` has one real eigenvalue `γ` and a complex pair `α ± iβ`; with
/// `T⁻¹ A⁻¹ T = [[γ, 0, 0], [0, α, −β], [0, β, α]]` the simplified Newton iteration for `W = (T⁻¹ ⊗ I) Z`
/// splits into one real `n × n` system with matrix `γ/h − J` and one complex system with matrix
/// `(α + iβ)/h − J`.
///
/// Sources: the nodes and matrix are the exact √6 expressions of the book (Table IV.5.6); the
/// eigenvalues are the closed forms of RADAU5 (`1/γ = (6 + ∛81 − ∛9)/30`, and the complex
/// eigenvalue of `A` is `(12 − ∛81 + ∛9)/60 ± i (∛81 + ∛9)√3/60`); `T` and `T⁻¹` are RADAU5's
/// 20-digit values (the eigenvector matrix is not unique; the tests check `T⁻¹ A⁻¹ T` and `T T⁻¹`
/// against the exact matrix). The error weights `dᵢ` are RADAU5's `DD1…DD3`.
public struct RadauCoefficients: Sendable {
    /// `√6`.
    public let sqrt6: Double
    /// Nodes `c₁`, `c₂` (`c₃ = 1`).
    public let c1: Double, c2: Double
    /// The real eigenvalue `γ` of `A⁻¹`.
    public let gamma: Double
    /// The complex eigenvalues `α ± iβ` of `A⁻¹`.
    public let alpha: Double, beta: Double
    /// `T` (row-major; `T₃₂ = 1`, `T₃₃ = 0`).
    public let t11: Double, t12: Double, t13: Double
    public let t21: Double, t22: Double, t23: Double
    public let t31: Double
    /// `T⁻¹` (row-major).
    public let ti11: Double, ti12: Double, ti13: Double
    public let ti21: Double, ti22: Double, ti23: Double
    public let ti31: Double, ti32: Double, ti33: Double
    /// Weights of the embedded error estimate: `err = (γ/h − J)⁻¹ (f(t₀, y₀) + Σ dᵢ Zᵢ / h)`.
    public let d1: Double, d2: Double, d3: Double
    /// The collocation polynomial in monomial form: `u(t₀ + θh) = y₀ + Σⱼ θʲ rⱼ` with
    /// `rⱼ = Σᵢ vⱼᵢ Zᵢ` (`V` is the inverse of the Vandermonde matrix `(cᵢʲ)`), row-major.
    public let v11: Double, v12: Double, v13: Double
    public let v21: Double, v22: Double, v23: Double
    public let v31: Double, v32: Double, v33: Double

    /// The Radau IIA (s = 3) coefficients.
    public static let radauIIA5 = RadauCoefficients()

    private init() {
        let s6 = 6.0.squareRoot()
        sqrt6 = s6
        c1 = (4 - s6) / 10
        c2 = (4 + s6) / 10
        let cbrt81 = cbrt(81.0)
        let cbrt9 = cbrt(9.0)
        gamma = 30 / (6 + cbrt81 - cbrt9)
        let alphaA = (12 - cbrt81 + cbrt9) / 60
        let betaA = (cbrt81 + cbrt9) * 3.0.squareRoot() / 60
        let modulus = alphaA * alphaA + betaA * betaA
        alpha = alphaA / modulus
        beta = betaA / modulus
        t11 = 9.1232394870892942792e-02
        t12 = -0.14125529502095420843
        t13 = -3.0029194105147424492e-02
        t21 = 0.24171793270710701896
        t22 = 0.20412935229379993199
        t23 = 0.38294211275726193779
        t31 = 0.96604818261509293619
        ti11 = 4.3255798900631553510
        ti12 = 0.33919925181580986954
        ti13 = 0.54177053993587487119
        ti21 = -4.1787185915519047273
        ti22 = -0.32768282076106238708
        ti23 = 0.47662355450055045196
        ti31 = -0.50287263494578687595
        ti32 = 2.5719269498556054292
        ti33 = -0.59603920482822492497
        d1 = -(13 + 7 * s6) / 3
        d2 = (-13 + 7 * s6) / 3
        d3 = -1.0 / 3
        v11 = (13 + 7 * s6) / 3
        v12 = (13 - 7 * s6) / 3
        v13 = 1.0 / 3
        v21 = -(23 + 22 * s6) / 3
        v22 = (-23 + 22 * s6) / 3
        v23 = -8.0 / 3
        v31 = (10 + 15 * s6) / 3
        v32 = (10 - 15 * s6) / 3
        v33 = 10.0 / 3
    }

    /// The Runge-Kutta matrix `A` as exact √6 expressions rounded once (for tests and tools).
    public var matrix: [[Double]] {
        let s6 = sqrt6
        return [
            [(88 - 7 * s6) / 360, (296 - 169 * s6) / 1800, (-2 + 3 * s6) / 225],
            [(296 + 169 * s6) / 1800, (88 + 7 * s6) / 360, (-2 - 3 * s6) / 225],
            [(16 - s6) / 36, (16 + s6) / 36, 1.0 / 9],
        ]
    }

    /// The nodes `(c₁, c₂, 1)`.
    public var nodes: [Double] { [c1, c2, 1] }
}

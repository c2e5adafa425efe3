/// The coefficients of a Rößler SRI method (Rößler 2010, "Runge-Kutta methods for the strong
/// approximation of solutions of stochastic differential equations", SIAM J. Numer. Anal. 48):
/// strong order 1.5 for Itô SDEs with diagonal (or scalar) noise. With `s` stages,
///
///     H⁰ᵢ = y + h Σⱼ A⁰ᵢⱼ f(t + c⁰ⱼh, H⁰ⱼ) + (I₍₁,₀₎/h) Σⱼ B⁰ᵢⱼ g(t + c¹ⱼh, H¹ⱼ)
///     H¹ᵢ = y + h Σⱼ A¹ᵢⱼ f(t + c⁰ⱼh, H⁰ⱼ) + √h Σⱼ B¹ᵢⱼ g(t + c¹ⱼh, H¹ⱼ)
///     y₁ = y + h Σ αᵢ fᵢ + Σ (β¹ᵢ I₍₁₎ + β²ᵢ I₍₁,₁₎/√h + β³ᵢ I₍₁,₀₎/h + β⁴ᵢ I₍₁,₁,₁₎/h) gᵢ
///
/// componentwise, with `I₍₁,₁₎ = (ΔW² − h)/2`, `I₍₁,₀₎/h = ΔW/2 + H` (space-time Lévy area) and
/// `I₍₁,₁,₁₎ = (ΔW³ − 3hΔW)/6`. The embedded estimate is `E₁ = h Σᵢ≤ₑ fᵢ` (drift) and
/// `E₂ = Σ (β³ᵢ I₍₁,₀₎/h + β⁴ᵢ I₍₁,₁,₁₎/h) gᵢ` (the order-1.5 diffusion terms).
public struct SRITableau: Sendable {
    public let name: String
    public let c0: [Double], c1: [Double]
    /// Strictly lower-triangular rows.
    public let a0: [[Double]], a1: [[Double]], b0: [[Double]], b1: [[Double]]
    public let alpha: [Double], beta1: [Double], beta2: [Double], beta3: [Double], beta4: [Double]
    /// Number of leading drift stages in `E₁`.
    public let errorTerms: Int

    public var stageCount: Int { alpha.count }

    /// SRIW1 (Rößler 2010, Table 5.1): four stages, weak order 2 as well.
    public static let sriw1 = SRITableau(
        name: "sriw1",
        c0: [0, 3.0 / 4, 0, 0], c1: [0, 1.0 / 4, 1, 1.0 / 4],
        a0: [[], [3.0 / 4], [0, 0], [0, 0, 0]],
        a1: [[], [1.0 / 4], [1, 0], [0, 0, 1.0 / 4]],
        b0: [[], [3.0 / 2], [0, 0], [0, 0, 0]],
        b1: [[], [1.0 / 2], [-1, 0], [-5, 3, 1.0 / 2]],
        alpha: [1.0 / 3, 2.0 / 3, 0, 0],
        beta1: [-1, 4.0 / 3, 2.0 / 3, 0],
        beta2: [-1, 4.0 / 3, -1.0 / 3, 0],
        beta3: [2, -4.0 / 3, -2.0 / 3, 0],
        beta4: [-2, 5.0 / 3, -2.0 / 3, 1],
        errorTerms: 2)
}

/// The coefficients of a Rößler SRA method for additive noise (`g = g(t)`), strong order 1.5:
///
///     H⁰ᵢ = y + h Σⱼ A⁰ᵢⱼ f(t + c⁰ⱼh, H⁰ⱼ) + Σⱼ B⁰ᵢⱼ g(t + c¹ⱼh) I₍₁,₀₎/h
///     y₁ = y + h Σ αᵢ fᵢ + Σ (β¹ᵢ I₍₁₎ + β²ᵢ I₍₁,₀₎/h) g(t + c¹ᵢh)
///
/// with `g · v` the noise's product (any noise structure). Estimate: `E₁ = h Σ fᵢ`,
/// `E₂ = Σ β²ᵢ g(t + c¹ᵢh) I₍₁,₀₎/h`.
public struct SRATableau: Sendable {
    public let name: String
    public let c0: [Double], c1: [Double]
    public let a0: [[Double]], b0: [[Double]]
    public let alpha: [Double], beta1: [Double], beta2: [Double]

    public var stageCount: Int { alpha.count }

    /// SRA1 (Rößler 2010): two stages.
    public static let sra1 = SRATableau(
        name: "sra1", c0: [0, 3.0 / 4], c1: [1, 0],
        a0: [[], [3.0 / 4]], b0: [[], [3.0 / 2]],
        alpha: [1.0 / 3, 2.0 / 3], beta1: [1, 0], beta2: [-1, 1])
}

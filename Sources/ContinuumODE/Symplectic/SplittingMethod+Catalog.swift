// Coefficients from the papers, cross-checked against the tables of OrdinaryDiffEq.jl and
// Principia; every method's order is measured by the tests.

extension SplittingMethod {
    /// Symplectic Euler, drift then kick: `q₁ = q₀ + h v(p₀)`, `p₁ = p₀ + h F(q₁)`. Order 1.
    public static let symplecticEulerDriftKick = SplittingMethod(
        name: "symplectic-euler-dk", displayName: "Symplectic Euler (drift, kick)", order: 1,
        coefficients: SplittingCoefficients(stages: [.drift(1), .kick(1)]))

    /// Symplectic Euler, kick then drift: `p₁ = p₀ + h F(q₀)`, `q₁ = q₀ + h v(p₁)`. Order 1. With the
    /// exact damping flow in front it is the heavy-ball method (``ConformalSplitting``).
    public static let symplecticEulerKickDrift = SplittingMethod(
        name: "symplectic-euler-kd", displayName: "Symplectic Euler (kick, drift)", order: 1,
        coefficients: SplittingCoefficients(stages: [.kick(1), .drift(1)]))

    /// Störmer-Verlet, velocity form (leapfrog kick-drift-kick). Order 2, symmetric, one force
    /// evaluation per step (the last kick's force is the next step's first).
    public static let velocityVerlet = SplittingMethod(
        name: "verlet", displayName: "Störmer-Verlet (velocity form, kick-drift-kick)", order: 2,
        coefficients: SplittingCoefficients(stages: [.kick(0.5), .drift(1), .kick(0.5)]))

    /// Störmer-Verlet, position form (drift-kick-drift). Order 2, symmetric.
    public static let positionVerlet = SplittingMethod(
        name: "position-verlet", displayName: "Störmer-Verlet (position form, drift-kick-drift)", order: 2,
        coefficients: SplittingCoefficients(stages: [.drift(0.5), .kick(1), .drift(0.5)]))

    /// Ruth (1983), third order, three stages (not symmetric).
    public static let ruth3 = SplittingMethod(
        name: "ruth3", displayName: "Ruth 3 (1983)", order: 3,
        coefficients: SplittingCoefficients(drift: [7.0 / 24, 3.0 / 4, -1.0 / 24], kick: [2.0 / 3, -2.0 / 3, 1]))

    /// Forest & Ruth (1990) = Candy & Rozmus (1991): Yoshida's triple jump of position Verlet.
    /// Order 4, symmetric, three force evaluations.
    public static let forestRuth = SplittingMethod(
        name: "forest-ruth", displayName: "Forest-Ruth 4 (triple jump, drift outermost)", order: 4,
        coefficients: positionVerlet.coefficients.tripleJump(order: 2))

    /// Yoshida (1990) fourth order: the triple jump of velocity Verlet. Order 4, symmetric, three
    /// force evaluations per step (first same as last).
    public static let yoshida4 = SplittingMethod(
        name: "yoshida4", displayName: "Yoshida 4 (triple jump of velocity Verlet)", order: 4,
        coefficients: velocityVerlet.coefficients.tripleJump(order: 2))

    /// Yoshida (1990) sixth order by the triple jump of ``yoshida4``: nine Verlet steps.
    public static let yoshida6 = SplittingMethod(
        name: "yoshida6", displayName: "Yoshida 6 (triple jump of Yoshida 4)", order: 6,
        coefficients: yoshida4.coefficients.tripleJump(order: 4))

    /// Yoshida (1990) sixth order, solution A: seven Verlet steps with weights `w₃ w₂ w₁ w₀ w₁ w₂ w₃`.
    public static let yoshida6A = SplittingMethod(
        name: "yoshida6a", displayName: "Yoshida 6 (solution A)", order: 6,
        coefficients: velocityVerlet.coefficients.composed(weights: symmetricWeights(outerFirst: [
            0.78451361047755726382, 0.23557321335935813369, -1.17767998417887100695,
        ])))

    /// Yoshida (1990) eighth order, solution A: fifteen Verlet steps with weights
    /// `w₇ … w₁ w₀ w₁ … w₇` (Table 2), `w₀ = 1 − 2Σwᵢ`.
    public static let yoshida8 = SplittingMethod(
        name: "yoshida8", displayName: "Yoshida 8 (solution A)", order: 8,
        coefficients: velocityVerlet.coefficients.composed(weights: symmetricWeights(outerFirst: [
            1.04242620869970426435, 1.82020630970698006933, 0.157739928123708321343, 2.44002732616634406382,
            -0.00716989419709533209981, -2.44699182370424588929, -1.61582374150065378479,
        ])))

    /// McLachlan & Atela (1992), the fourth-order four-stage method of optimised error constants
    /// (OrdinaryDiffEq.jl's `McAte4`; not symmetric). In their convention each stage is a kick
    /// `p += bᵢ h F(q)` followed by a drift `q += aᵢ h v(p)`.
    public static let mcLachlan4 = SplittingMethod(
        name: "mclachlan4", displayName: "McLachlan-Atela 4 (optimised)", order: 4,
        coefficients: SplittingCoefficients(
            drift: [0.515352837431122936, -0.085782019412973646, 0.441583023616466524, 0.128846158365384185],
            kick: [0.134496199277431089, -0.224819803079420806, 0.756320000515668291, 0.334003603286321425],
            startingWithDrift: false))

    /// Blanes & Moan (2002), the symmetric sixth-order partitioned method with ten force
    /// evaluations ("S6", s = 10): drifts outermost, middle coefficients fixed by consistency.
    public static let blanesMoan6 = SplittingMethod(
        name: "blanes-moan6", displayName: "Blanes-Moan 6 (S6, 10 stages)", order: 6,
        coefficients: SplittingCoefficients(
            drift: palindrome([
                0.050262764400392200, 0.41351430042834400, 0.045079889794397700, -0.18805485381956900,
                0.54196067845078000,
            ], middleCompletingTo: 1),
            kick: palindrome([
                0.14881644790104200, -0.13238586576778400, 0.067307604692185000, 0.43266640257817500,
            ], middleCompletingTo: 1, doubledMiddle: true)))

    /// Every method, lowest order first.
    public static let all: [SplittingMethod] = [
        .symplecticEulerDriftKick, .symplecticEulerKickDrift, .velocityVerlet, .positionVerlet, .ruth3,
        .forestRuth, .yoshida4, .mcLachlan4, .yoshida6, .yoshida6A, .blanesMoan6, .yoshida8,
    ]

    /// The method named `name` (case-insensitive; `leapfrog` and `stormer-verlet` name ``velocityVerlet``).
    public static func named(_ name: String) -> SplittingMethod? {
        let key = name.lowercased()
        if ["leapfrog", "stormer-verlet", "velocity-verlet"].contains(key) { return .velocityVerlet }
        return all.first { $0.name == key }
    }
}

/// `w_m … w_1 w_0 w_1 … w_m` from `w_m … w_1`, with `w_0 = 1 − 2Σwᵢ`.
private func symmetricWeights(outerFirst w: [Double]) -> [Double] {
    w + [1 - 2 * w.reduce(0, +)] + w.reversed()
}

/// `c_1 … c_k m c_k … c_1` with `m` chosen so the sum is `total`; with `doubledMiddle`,
/// `c_1 … c_k m m c_k … c_1`.
private func palindrome(_ c: [Double], middleCompletingTo total: Double, doubledMiddle: Bool = false) -> [Double] {
    let rest = total - 2 * c.reduce(0, +)
    return doubledMiddle ? c + [rest / 2, rest / 2] + c.reversed() : c + [rest] + c.reversed()
}

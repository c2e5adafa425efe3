extension ESDIRKTableau {
    /// Kværnø's ESDIRK 5(4) (A. Kværnø, *Singly diagonally implicit Runge-Kutta methods with an
    /// explicit first stage*, BIT 44 (2004) 489–502): seven stages, γ = 0.26, stiffly accurate and
    /// L-stable; the embedded fourth-order solution is the sixth stage value (`c₆ = 1`), itself
    /// stiffly accurate, so the error estimate stays bounded on stiff components.
    ///
    /// The coefficients are the paper's decimals (as also used by OrdinaryDiffEq.jl's `Kvaerno5`
    /// and diffrax's `Kvaerno5`). No continuous extension is published; this one is the cubic
    /// through `y`, the stage values at `c₅ ≈ 0.436` and `c₄ ≈ 0.896`, and `y₁` (third order,
    /// bounded in the stiff limit; see ``DenseOutput``).
    public static let kvaerno5 = ESDIRKTableau(
        name: "kvaerno5", displayName: "Kvaerno5 (Kværnø 2004)",
        gamma: 0.26,
        a: Kvaerno5Coefficients.a,
        b: Kvaerno5Coefficients.row7 + [0.26],
        embeddedWeights: Kvaerno5Coefficients.row6 + [0.26, 0],
        c: [0, 0.52, 1.230333209967908, 0.8957659843500759, 0.43639360985864756, 1, 1],
        order: 5, embeddedOrder: 4,
        denseOutput: .stageValues(interior: [4, 3], order: 3))
}

private enum Kvaerno5Coefficients {
    static let row6: [Double] = [
        0.13855640231268224, 0, -0.04245337201752043, 0.02446657898003141, 0.61943039072480676,
    ]
    static let row7: [Double] = [
        0.13659751177640291, 0, -0.05496908796538376, -0.04118626728321046, 0.62993304899016403,
        0.06962479448202728,
    ]
    static let a: [[Double]] = [
        [],
        [0.26],
        [0.13, 0.84033320996790809],
        [0.22371961478320505, 0.47675532319799699, -0.06470895363112615],
        [0.16648564323248321, 0.10450018841591720, 0.03631482272098715, -0.13090704451073998],
        row6,
        row7,
    ]
}

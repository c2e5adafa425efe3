extension ESDIRKTableau {
    /// The implicit (ESDIRK) part of Kennedy & Carpenter's additive Runge-Kutta method ARK4(3)6L[2]SA
    /// (*Additive Runge-Kutta schemes for convection-diffusion-reaction equations*, Appl. Numer.
    /// Math. 44 (2003) 139–181): six stages, γ = 1/4, stiffly accurate and L-stable, order 4 with an
    /// embedded order-3 solution and the paper's third-order continuous extension.
    ///
    /// Exact rationals of the paper (the values of OrdinaryDiffEq.jl's `KenCarp4` and diffrax's
    /// `KenCarp4`).
    public static let kenCarp4 = ESDIRKTableau(
        name: "kencarp4", displayName: "KenCarp4 (Kennedy-Carpenter 2003, implicit part)",
        gamma: 0.25,
        a: KenCarp4Coefficients.a,
        b: KenCarp4Coefficients.b,
        embeddedWeights: [
            4586570599 / 29645900160, 0, 178811875 / 945068544, 814220225 / 1159782912,
            -3700637 / 11593932, 61727 / 225920,
        ],
        c: [0, 0.5, 83 / 250, 31 / 50, 17 / 20, 1],
        order: 4, embeddedOrder: 3,
        denseOutput: .stages(weights: KenCarp4Coefficients.dense, order: 3))
}

private enum KenCarp4Coefficients {
    static let b: [Double] = [82889 / 524892, 0, 15625 / 83664, 69875 / 102672, -2260 / 8211, 0.25]
    static let a: [[Double]] = [
        [],
        [0.25],
        [8611 / 62500, -1743 / 31250],
        [5012029 / 34652500, -654441 / 2922500, 174375 / 388108],
        [15267082809 / 155376265600, -71443401 / 120774400, 730878875 / 902184768, 2285395 / 8070912],
        Array(b.prefix(5)),
    ]
    /// `b*ᵢⱼ` of the paper: row `j − 1` holds the weights of `θʲ`.
    static let dense: [[Double]] = [
        [
            6943876665148 / 7220017795957, 0, 7640104374378 / 9702883013639,
            -20649996744609 / 7521556579894, 8854892464581 / 2390941311638, -11397109935349 / 6675773540249,
        ],
        [
            -54480133 / 30881146, 0, -11436875 / 14766696, 174696575 / 18121608, -12120380 / 966161, 3843 / 706,
        ],
        [
            6818779379841 / 7100303317025, 0, 2173542590792 / 12501825683035,
            -31592104683404 / 5083833661969, 61146701046299 / 7138195549469, -17219254887155 / 4939391667607,
        ],
    ]
}

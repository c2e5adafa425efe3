// Tsitouras 5(4).
//
// Source: Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column simplifying
// assumption", Computers & Mathematics with Applications 62 (2011) 770–775, doi:10.1016/j.camwa.2011.06.002.
//
// The nodes c₂…c₅ are the paper's free parameters. The paper prints the other coefficients to about
// 16 digits; they are given here from the high-precision recomputation tabulated in SciML's
// OrdinaryDiffEq.jl (Tsit5 tableau), rounded to 30 significant digits. The dense output is the paper's
// fourth-order continuous extension bᵢ(θ) (printed there in factored form), expanded to monomials in θ
// as tabulated in OrdinaryDiffEq.jl.

extension ButcherTableau {
    /// Tsitouras' 5(4) pair: 7 stages (FSAL), order 5 with an embedded order-4 error estimate and a
    /// free fourth-order continuous extension.
    public static let tsit5 = ButcherTableau(
        name: "tsit5",
        displayName: "Tsitouras 5(4)",
        c: Tsitouras54.c,
        a: Tsitouras54.a,
        b: Tsitouras54.b,
        order: 5,
        errorEstimator: .embedded(weights: Tsitouras54.e, order: 4),
        denseOutput: DenseOutput(weights: Tsitouras54.denseWeights, order: 4),
        // Hairer's test on the last two stages; 3.5068 is where Tsit5's stability region meets
        // the negative real axis (the value OrdinaryDiffEq.jl uses).
        stiffnessProbe: StiffnessProbe(stage: 5, bound: 3.5068)
    )
}

private enum Tsitouras54 {
    static let c: [Double] = [
        0,
        0.161,
        0.327,
        0.9,
        0.980025540904509685729810286287,
        1,
        1,
    ]

    static let a: [[Double]] = [
        [],
        [0.161],
        [
            -0.00848065549235698854442687425023,
            0.33548065549235698854442687425,
        ],
        [
            2.89715305710549343213043259419,
            -6.35944848997507484314815991238,
            4.36229543286958141101772731819,
        ],
        [
            5.32586482843925660442887792084,
            -11.7488835640628278777471703398,
            7.49553934288983620830460478456,
            -0.0924950663617552492565020793321,
        ],
        [
            5.86145544294642002865925148698,
            -12.9209693178471092917061186818,
            8.15936789857615864318040079454,
            -0.0715849732814009972245305425258,
            -0.0282690503940683829090030572127,
        ],
        [
            0.0964607668180652295181673131651,
            0.01,
            0.479889650414499574775249532291,
            1.37900857410374189319227482186,
            -3.29006951543608067990104758571,
            2.3247105240997739824153559184,
        ],
    ]

    /// The fifth-order weights are the last row of `a` (first same as last).
    static let b: [Double] = a[6] + [0]

    /// `e = b − b̂`, with `b̂` the fourth-order embedded weights (b̂₇ = 1/66).
    static let e: [Double] = [
        0.00178001105222577144337855060754,
        0.000816434459656746903223636063355,
        -0.00788087801026199601031472767253,
        0.144711007173262907537165147973,
        -0.582357165452555225019937610652,
        0.458082105929186946661636518833,
        -1.0 / 66,
    ]

    /// `bᵢ(θ) = Σⱼ Wᵢⱼ θʲ⁺¹`, degree 4; `bᵢ(1) = bᵢ`.
    static let denseWeights: [[Double]] = [
        [
            0.999999999999999974283372471559910888475488471328,
            -2.763706197274825911336735930481400260916070804192,
            2.91325546182191274375068099306808,
            -1.0530884977290216,
        ],
        [
            0,
            0.13169999999999999727,
            -0.22339999999999999818,
            0.1017,
        ],
        [
            0,
            3.93029623689475152850687446709813398,
            -5.94103387213150473470249202589458001,
            2.490627285651252793,
        ],
        [
            0,
            -12.411077166933676983734381540685453484102414134010752,
            30.3381886302823215981729903691836576,
            -16.54810288924490272,
        ],
        [
            0,
            37.50931341651103919496903965334519631242339792120440212,
            -88.1789048947664011014276693541209817,
            47.37952196281928122,
        ],
        [
            0,
            -27.896526289197287805948263144598643896,
            65.09189467479367152629021928716553658,
            -34.87065786149660974,
        ],
        [
            0,
            1.5,
            -4,
            2.5,
        ],
    ]
}

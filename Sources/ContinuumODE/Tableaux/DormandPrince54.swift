extension ButcherTableau {
    /// Dormand & Prince's 5(4) pair (J. Comput. Appl. Math. 6, 1980) as in Hairer's DOPRI5: FSAL,
    /// seven stages, Shampine's fourth-order continuous extension, and the stiffness test with
    /// `|hλ| ≤ 3.25`.
    public static let dopri5 = ButcherTableau(
        name: "dopri5", displayName: "Dormand-Prince 5(4)",
        c: DormandPrince54.c, a: DormandPrince54.a, b: DormandPrince54.b, order: 5,
        errorEstimator: .embedded(weights: DormandPrince54.e, order: 4),
        denseOutput: .hairerForm(b: DormandPrince54.b, newPointStage: 6, d: [DormandPrince54.d], order: 4),
        stiffnessProbe: StiffnessProbe(stage: 5, bound: 3.25))
}

private enum DormandPrince54 {
    static let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1]
    static let a: [[Double]] = [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ]
    static let b: [Double] = [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0]
    /// b − b̂ with b̂ = (5179/57600, 0, 7571/16695, 393/640, −92097/339200, 187/2100, 1/40).
    static let e: [Double] = [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40]
    /// Shampine's dense-output coefficients in Hairer's form (`r₅ = h Σ dᵢ kᵢ`).
    static let d: [Double] = [
        -12715105075.0 / 11282082432, 0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
        701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423,
    ]
}

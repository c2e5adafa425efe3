extension ButcherTableau {
    /// Bogacki & Shampine's 3(2) pair (Appl. Math. Lett. 2, 1989): FSAL, four stages, with the cubic
    /// Hermite interpolant as its native dense output. MATLAB's `ode23`.
    public static let bs3 = ButcherTableau(
        name: "bs3", displayName: "Bogacki-Shampine 3(2)",
        c: [0, 1.0 / 2, 3.0 / 4, 1],
        a: [
            [],
            [1.0 / 2],
            [0, 3.0 / 4],
            [2.0 / 9, 1.0 / 3, 4.0 / 9],
        ],
        b: [2.0 / 9, 1.0 / 3, 4.0 / 9, 0],
        order: 3,
        // b − b̂ with b̂ = (7/24, 1/4, 1/3, 1/8).
        errorEstimator: .embedded(weights: [-5.0 / 72, 1.0 / 12, 1.0 / 9, -1.0 / 8], order: 2))
}

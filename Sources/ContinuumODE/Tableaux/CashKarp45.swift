extension ButcherTableau {
    /// Cash & Karp's 5(4) pair (ACM TOMS 16, 1990), propagating the fifth-order solution; cubic
    /// Hermite dense output.
    public static let cashKarp = ButcherTableau(
        name: "cashkarp", displayName: "Cash-Karp 5(4)",
        c: CashKarp45.c, a: CashKarp45.a, b: CashKarp45.b, order: 5,
        errorEstimator: .embedded(weights: CashKarp45.e, order: 4))
}

private enum CashKarp45 {
    static let c: [Double] = [0, 1.0 / 5, 3.0 / 10, 3.0 / 5, 1, 7.0 / 8]
    static let a: [[Double]] = [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [3.0 / 10, -9.0 / 10, 6.0 / 5],
        [-11.0 / 54, 5.0 / 2, -70.0 / 27, 35.0 / 27],
        [1631.0 / 55296, 175.0 / 512, 575.0 / 13824, 44275.0 / 110592, 253.0 / 4096],
    ]
    static let b: [Double] = [37.0 / 378, 0, 250.0 / 621, 125.0 / 594, 0, 512.0 / 1771]
    static let bHat: [Double] = [2825.0 / 27648, 0, 18575.0 / 48384, 13525.0 / 55296, 277.0 / 14336, 1.0 / 4]
    static let e: [Double] = zip(b, bHat).map { $0 - $1 }
}

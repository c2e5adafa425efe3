extension ButcherTableau {
    /// Fehlberg's 4(5) pair (NASA TR R-315, 1969), propagating the fourth-order solution as in the
    /// classical RKF45; cubic Hermite dense output.
    public static let fehlberg45 = ButcherTableau(
        name: "fehlberg45", displayName: "Runge-Kutta-Fehlberg 4(5)",
        c: Fehlberg45.c, a: Fehlberg45.a, b: Fehlberg45.b, order: 4,
        errorEstimator: .embedded(weights: Fehlberg45.e, order: 5))
}

private enum Fehlberg45 {
    static let c: [Double] = [0, 1.0 / 4, 3.0 / 8, 12.0 / 13, 1, 1.0 / 2]
    static let a: [[Double]] = [
        [],
        [1.0 / 4],
        [3.0 / 32, 9.0 / 32],
        [1932.0 / 2197, -7200.0 / 2197, 7296.0 / 2197],
        [439.0 / 216, -8, 3680.0 / 513, -845.0 / 4104],
        [-8.0 / 27, 2, -3544.0 / 2565, 1859.0 / 4104, -11.0 / 40],
    ]
    static let b: [Double] = [25.0 / 216, 0, 1408.0 / 2565, 2197.0 / 4104, -1.0 / 5, 0]
    /// b − b̂ with the fifth-order b̂ = (16/135, 0, 6656/12825, 28561/56430, −9/50, 2/55).
    static let e: [Double] = [-1.0 / 360, 0, 128.0 / 4275, 2197.0 / 75240, -1.0 / 50, -2.0 / 55]
}

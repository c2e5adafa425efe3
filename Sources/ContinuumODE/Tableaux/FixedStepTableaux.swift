extension ButcherTableau {
    /// Forward Euler, order 1.
    public static let euler = ButcherTableau(
        name: "euler", displayName: "Euler", c: [0], a: [[]], b: [1], order: 1)

    /// Explicit midpoint rule, order 2.
    public static let midpoint = ButcherTableau(
        name: "midpoint", displayName: "Explicit midpoint", c: [0, 1.0 / 2], a: [[], [1.0 / 2]], b: [0, 1],
        order: 2)

    /// Heun's method (explicit trapezoidal rule), order 2.
    public static let heun = ButcherTableau(
        name: "heun", displayName: "Heun", c: [0, 1], a: [[], [1]], b: [1.0 / 2, 1.0 / 2], order: 2)

    /// Ralston's second-order method (minimum error bound among two-stage methods).
    public static let ralston = ButcherTableau(
        name: "ralston", displayName: "Ralston", c: [0, 2.0 / 3], a: [[], [2.0 / 3]], b: [1.0 / 4, 3.0 / 4],
        order: 2)

    /// The classical fourth-order Runge-Kutta method.
    public static let rk4 = ButcherTableau(
        name: "rk4", displayName: "Classical Runge-Kutta 4",
        c: [0, 1.0 / 2, 1.0 / 2, 1],
        a: [[], [1.0 / 2], [0, 1.0 / 2], [0, 0, 1]],
        b: [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6],
        order: 4)
}

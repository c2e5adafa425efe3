extension CollocationMethod {
    /// The implicit midpoint rule `y₁ = y + h f((y + y₁)/2)`: one-stage Gauss, order 2.
    public static let implicitMidpoint = CollocationMethod(
        name: "midpoint-implicit", displayName: "Implicit midpoint (Gauss 1)", order: 2, a: [[0.5]], b: [1])

    /// Two-stage Gauss-Legendre collocation, order 4 (nodes `1/2 ∓ √3/6`).
    public static let gauss4: CollocationMethod = {
        let r = 3.0.squareRoot() / 6
        return CollocationMethod(
            name: "gauss4", displayName: "Gauss-Legendre 4 (2 stages)", order: 4,
            a: [[0.25, 0.25 - r], [0.25 + r, 0.25]], b: [0.5, 0.5])
    }()

    /// Three-stage Gauss-Legendre collocation, order 6 (nodes `1/2 − √15/10, 1/2, 1/2 + √15/10`).
    public static let gauss6: CollocationMethod = {
        let r = 15.0.squareRoot()
        return CollocationMethod(
            name: "gauss6", displayName: "Gauss-Legendre 6 (3 stages)", order: 6,
            a: [
                [5.0 / 36, 2.0 / 9 - r / 15, 5.0 / 36 - r / 30],
                [5.0 / 36 + r / 24, 2.0 / 9, 5.0 / 36 - r / 24],
                [5.0 / 36 + r / 30, 2.0 / 9 + r / 15, 5.0 / 36],
            ],
            b: [5.0 / 18, 4.0 / 9, 5.0 / 18])
    }()

    /// Every method, lowest order first.
    public static let all: [CollocationMethod] = [.implicitMidpoint, .gauss4, .gauss6]

    /// The method named `name` (case-insensitive; `implicit-midpoint` names the midpoint rule).
    public static func named(_ name: String) -> CollocationMethod? {
        let key = name.lowercased()
        if key == "implicit-midpoint" { return .implicitMidpoint }
        return all.first { $0.name == key }
    }
}

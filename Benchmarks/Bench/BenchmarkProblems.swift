import Continuum

/// The problems the benchmark knows: each as the plain Swift closure a user would write and as text.
enum BenchmarkProblems {
    static let all = [lorenz, robertson, vanDerPol]

    static func named(_ name: String) -> BenchmarkProblem? { all.first { $0.name == name } }

    /// Lorenz (σ = 10, ρ = 28, β = 8/3), y0 = (1, 0, 0), t ∈ [0, 20].
    static let lorenz = BenchmarkProblem(
        name: "lorenz", y0: [1, 0, 0], t0: 0, t1: 20, isStiff: false,
        closure: ClosureVectorField(dimension: 3) { _, y, dy in
            dy[0] = 10 * (y[1] - y[0])
            dy[1] = y[0] * (28 - y[2]) - y[1]
            dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
        },
        text: "10*(y-x), x*(28-z)-y, x*y-8/3*z", variables: ["x", "y", "z"])

    /// Robertson's chemical kinetics, y0 = (1, 0, 0), t ∈ [0, 1e11] (stiff).
    static let robertson = BenchmarkProblem(
        name: "robertson", y0: [1, 0, 0], t0: 0, t1: 1e11, isStiff: true,
        closure: ClosureVectorField(dimension: 3) { _, y, dy in
            dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2]
            dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1]
            dy[2] = 3e7 * y[1] * y[1]
        },
        text: "-0.04*a + 1e4*b*c, 0.04*a - 1e4*b*c - 3e7*b^2, 3e7*b^2", variables: ["a", "b", "c"])

    /// Van der Pol with μ = 1000, y0 = (2, 0), t ∈ [0, 3000] (stiff).
    static let vanDerPol = BenchmarkProblem(
        name: "vanderpol", y0: [2, 0], t0: 0, t1: 3000, isStiff: true,
        closure: ClosureVectorField(dimension: 2) { _, y, dy in
            dy[0] = y[1]
            dy[1] = 1000 * (1 - y[0] * y[0]) * y[1] - y[0]
        },
        text: "v, 1000*(1-u^2)*v - u", variables: ["u", "v"])
}

/// Lorenz's right-hand side as a `VectorField` struct: the solver is specialised for it and
/// inlines it, as the C floor inlines its right-hand side.
struct LorenzField: VectorField, Sendable {
    var dimension: Int { 3 }

    @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dy: UnsafeMutableBufferPointer<Double>) {
        dy[0] = 10 * (y[1] - y[0])
        dy[1] = y[0] * (28 - y[2]) - y[1]
        dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
    }
}

/// A benchmark problem: its vector field as a closure and as text, and its time span.
struct BenchmarkProblem: Sendable {
    let name: String
    let y0: [Double]
    let t0: Double
    let t1: Double
    let isStiff: Bool
    let closure: ClosureVectorField
    let text: String
    let variables: [String]

    func textField() throws -> ExpressionVectorField {
        try ExpressionVectorField(rhs: text, variables: variables)
    }
}

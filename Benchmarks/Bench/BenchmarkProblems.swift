import Continuum

/// The problems the benchmark knows: each as the plain Swift closure a user would write and as text.
enum BenchmarkProblems {
    static func named(_ name: String) -> BenchmarkProblem? {
        switch name {
        case "lorenz": return lorenz
        default: return nil
        }
    }

    /// Lorenz (σ = 10, ρ = 28, β = 8/3), y0 = (1, 0, 0), t ∈ [0, 20].
    static let lorenz = BenchmarkProblem(
        name: "lorenz", y0: [1, 0, 0], t0: 0, t1: 20,
        closure: ClosureVectorField(dimension: 3) { _, y, dy in
            dy[0] = 10 * (y[1] - y[0])
            dy[1] = y[0] * (28 - y[2]) - y[1]
            dy[2] = y[0] * y[1] - 8.0 / 3.0 * y[2]
        },
        text: "10*(y-x), x*(28-z)-y, x*y-8/3*z", variables: ["x", "y", "z"])
}

/// A benchmark problem: its vector field as a closure and as text, and its time span.
struct BenchmarkProblem: Sendable {
    let name: String
    let y0: [Double]
    let t0: Double
    let t1: Double
    let closure: ClosureVectorField
    let text: String
    let variables: [String]

    func textField() throws -> ExpressionVectorField {
        try ExpressionVectorField(rhs: text, variables: variables)
    }
}

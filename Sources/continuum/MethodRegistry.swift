import Continuum

/// Every integration method the command line offers, whatever its family, with what `continuum
/// methods` shows and a way to solve a text-defined problem with it.
struct MethodEntry: Sendable {
    let name: String
    let family: String
    let order: Int
    let stages: Int
    /// Order of the embedded error estimate; `nil` for fixed-step methods.
    let embeddedOrder: Int?
    let denseOrder: Int
    let description: String
    let solve: @Sendable (ODEProblem<ExpressionVectorField>, SolverOptions) throws -> Solution

    var isAdaptive: Bool { embeddedOrder != nil }
}

enum MethodRegistry {
    static let all: [MethodEntry] = ExplicitRungeKutta.all.map { method in
        let tableau = method.tableau
        return MethodEntry(
            name: tableau.name, family: "explicit Runge-Kutta", order: tableau.order, stages: tableau.stageCount,
            embeddedOrder: tableau.errorEstimator?.embeddedOrder, denseOrder: tableau.denseOutput.order,
            description: tableau.displayName,
            solve: { problem, options in try Continuum.solve(problem, with: method, options: options) })
    }

    static func named(_ name: String) -> MethodEntry? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }
}

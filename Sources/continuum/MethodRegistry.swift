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
    /// The sum-of-squares loss at the given times and its gradient (`continuum gradient`).
    let gradient: @Sendable (ODEProblem<ExpressionVectorField>, SolverOptions, [Double], SensitivityMethod) throws -> GradientResult

    var isAdaptive: Bool { embeddedOrder != nil }

    /// An entry that solves and differentiates with `method`.
    init<S: ODESolver & Sendable>(
        name: String, family: String, order: Int, stages: Int, embeddedOrder: Int?, denseOrder: Int,
        description: String, method: S
    ) {
        self.name = name
        self.family = family
        self.order = order
        self.stages = stages
        self.embeddedOrder = embeddedOrder
        self.denseOrder = denseOrder
        self.description = description
        solve = { problem, options in try Continuum.solve(problem, with: method, options: options) }
        gradient = { problem, options, times, sensitivity in
            try Continuum.gradient(
                of: SumOfSquaresLoss(), at: times, for: problem, with: method, options: options, sensitivity: sensitivity)
        }
    }
}

enum MethodRegistry {
    static let all: [MethodEntry] = explicit + rosenbrock + [radau] + esdirk + bdf + [automatic]

    static let explicit: [MethodEntry] = ExplicitRungeKutta.all.map { method in
        let tableau = method.tableau
        return MethodEntry(
            name: tableau.name, family: "explicit Runge-Kutta", order: tableau.order, stages: tableau.stageCount,
            embeddedOrder: tableau.errorEstimator?.embeddedOrder, denseOrder: tableau.denseOutput.order,
            description: tableau.displayName, method: method)
    }

    static let rosenbrock: [MethodEntry] = RosenbrockMethod.all.map { method in
        let tableau = method.tableau
        return MethodEntry(
            name: tableau.name, family: "Rosenbrock (stiff)", order: tableau.order, stages: tableau.stageCount,
            embeddedOrder: tableau.embeddedOrder, denseOrder: tableau.denseOutput.order,
            description: tableau.displayName, method: method)
    }

    static let radau = MethodEntry(
        name: "radau5", family: "implicit Runge-Kutta (stiff)", order: 5, stages: 3, embeddedOrder: 3,
        denseOrder: 3, description: "Radau IIA 5 (Hairer & Wanner's RADAU5)", method: .radau5)

    static let esdirk: [MethodEntry] = ESDIRKMethod.all.map { method in
        let tableau = method.tableau
        return MethodEntry(
            name: tableau.name, family: "ESDIRK (stiff)", order: tableau.order, stages: tableau.stageCount,
            embeddedOrder: tableau.embeddedOrder, denseOrder: tableau.denseOutput.order,
            description: tableau.displayName, method: method)
    }

    static let bdf: [MethodEntry] = [
        MethodEntry(
            name: "bdf", family: "BDF (stiff)", order: 5, stages: 1, embeddedOrder: 5, denseOrder: 5,
            description: "variable-order (1-5) variable-step BDF", method: .bdf),
        MethodEntry(
            name: "ndf", family: "BDF (stiff)", order: 5, stages: 1, embeddedOrder: 5, denseOrder: 5,
            description: "variable-order (1-5) numerical differentiation formulas (Shampine's NDF)", method: .ndf),
    ]

    static let automatic = MethodEntry(
        name: "auto", family: "automatic switching", order: 5, stages: 7, embeddedOrder: 4, denseOrder: 4,
        description: "Tsit5 while non-stiff, Rodas5P while stiff", method: .autoTsit5Rodas5P)

    static func named(_ name: String) -> MethodEntry? {
        let key = name.lowercased()
        return all.first { $0.name == key }
    }
}

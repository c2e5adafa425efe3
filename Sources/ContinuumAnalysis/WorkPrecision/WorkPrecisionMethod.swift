import ContinuumODE

/// A method as a work-precision study sees it: a name and a way to solve a problem with given
/// options. Wrapping the generic ``solve(_:with:options:)`` in a closure lets one study compare
/// methods of different families, each still specialised for the vector field.
///
/// ```swift
/// let methods: [WorkPrecisionMethod<MyField>] = [.init(.dopri5), .init(.tsit5), .init(.rodas5P)]
/// ```
public struct WorkPrecisionMethod<Field: VectorField> {
    /// The name shown in tables and legends.
    public let name: String
    /// Solves a problem with the given options.
    public let solve: (ODEProblem<Field>, SolverOptions) throws -> Solution

    /// A method from its name and a solve closure (e.g. from a registry of named methods).
    public init(name: String, solve: @escaping (ODEProblem<Field>, SolverOptions) throws -> Solution) {
        self.name = name
        self.solve = solve
    }

    /// The method `solver`, under its own name.
    public init<S: ODESolver>(_ solver: S) {
        name = solver.name
        solve = { problem, options in try ContinuumODE.solve(problem, with: solver, options: options) }
    }
}

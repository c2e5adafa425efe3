import Continuum

/// Reading `continuum work-precision`'s problem and methods from the command line.
enum WorkPrecisionRequest {
    /// A built-in problem (`--problem`) or one written as text (`--rhs` with `--y0`, `--t1`, …).
    static func problem(_ arguments: ParsedArguments) throws(UsageError) -> WorkPrecisionProblem {
        if let name = arguments["problem"] {
            guard arguments["rhs"] == nil else { throw UsageError("give either --problem or --rhs, not both") }
            guard let problem = WorkPrecisionProblem.named(name) else {
                throw UsageError("--problem: unknown problem '\(name)' (known: \(WorkPrecisionProblem.all.map(\.name).joined(separator: ", ")))")
            }
            return problem
        }
        guard let rhs = arguments["rhs"] else { throw UsageError("missing --problem NAME or --rhs EXPRS") }
        guard let y0 = try arguments.numbers("y0") else { throw UsageError("missing --y0 (the initial state)") }
        guard let t1 = try arguments.number("t1") else { throw UsageError("missing --t1 (the final time)") }
        let t0 = try arguments.number("t0") ?? 0
        guard t0 != t1 else { throw UsageError("--t1 equals --t0 (\(t0)): the time span is empty") }
        let variables = try arguments.names("vars") ?? y0.indices.map { "y\($0)" }
        guard variables.count == y0.count else {
            throw UsageError("--y0 has \(y0.count) values but there are \(variables.count) variables")
        }
        let (names, values) = try SolveRequest.parameters(arguments["params"])
        let times = try arguments.numbers("times") ?? (1...10).map { t0 + (t1 - t0) * Double($0) / 10 }
        let direction: Double = t1 > t0 ? 1 : -1
        for t in times where direction * (t - t0) <= 0 || direction * (t1 - t) < 0 {
            throw UsageError("--times: \(t) lies outside (\(min(t0, t1)), \(max(t0, t1))]")
        }
        return WorkPrecisionProblem(
            name: "rhs", summary: rhs, rhs: rhs, variables: variables, parameters: Array(zip(names, values)),
            y0: y0, t0: t0, t1: t1, times: times, relativeTolerances: WorkPrecisionProblem.decades(3, 10),
            atolRatio: 1, errorFloor: 1e-6 * max(y0.map(abs).max() ?? 1, 1e-300),
            reference: ("dop853", "vern6"), methods: ["bs3", "dopri5", "tsit5", "vern6", "dop853", "rodas5p"])
    }

    /// An adaptive method of the registry as a work-precision method.
    static func method(_ name: String) throws(UsageError) -> WorkPrecisionMethod<ExpressionVectorField> {
        guard let entry = MethodRegistry.named(name) else {
            throw UsageError("--methods: unknown method '\(name)' (known: \(MethodRegistry.all.map(\.name).joined(separator: ", ")))")
        }
        guard entry.isAdaptive else {
            throw UsageError("--methods: \(entry.name) takes fixed steps; a tolerance sweep needs an adaptive method")
        }
        return WorkPrecisionMethod(name: entry.name, solve: entry.solve)
    }
}
